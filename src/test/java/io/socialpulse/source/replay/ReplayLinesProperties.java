package io.socialpulse.source.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.Page;
import io.socialpulse.testing.TestPosts;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A replay file is outside data: whatever its lines hold, every good line becomes a post, every
 * bad one costs only itself (counted), and a poll never throws or holds a huge line.
 */
class ReplayLinesProperties {

    private static final byte[] GOOD = PostCodec.encode(TestPosts.make("replay", 1, "tag").get(0));

    @Example
    void badBytesAndAHugeLineCostOnlyThemselves() throws IOException {
        byte[] huge = new byte[ReplaySource.MAX_LINE_BYTES + 10];
        Arrays.fill(huge, (byte) 'x');
        List<byte[]> lines = List.of(GOOD, new byte[]{'{', (byte) 0xC3, (byte) 0x28, '}'}, huge, GOOD,
                "{\"not\":\"a post\"}".getBytes(StandardCharsets.UTF_8), GOOD);
        ReplaySource source = source(write(lines), "posts");
        assertEquals(3, pollAll(source).size());
        assertEquals(3, source.rejected());
    }

    @Property(tries = 200)
    void everyGoodLineIsAPostAndEveryBadLineIsCounted(@ForAll("lines") List<byte[]> lines) throws IOException {
        long good = lines.stream().filter(l -> l == GOOD).count();
        long blank = lines.stream().filter(l -> l.length == 0).count();
        ReplaySource source = source(write(lines), "posts");
        List<Post> posts = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> pollAll(source));
        assertEquals(good, posts.size());
        assertEquals(lines.size() - good - blank, source.rejected());
    }

    @Property(tries = 200)
    void archiveFormatsNeverThrowOnAnyLine(@ForAll("lines") List<byte[]> lines,
            @ForAll("formats") String format) throws IOException {
        ReplaySource source = source(write(lines), format);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> pollAll(source));
    }

    @Provide
    Arbitrary<String> formats() {
        return Arbitraries.of("twarc", "jetstream", "mastodon");
    }

    @Provide
    Arbitrary<List<byte[]>> lines() {
        Arbitrary<byte[]> junk = Arbitraries.bytes().filter(b -> b != '\n' && b != '\r').array(byte[].class)
                .ofMinSize(1).ofMaxSize(300).filter(b -> !new String(b, StandardCharsets.UTF_8).isBlank());
        Arbitrary<byte[]> mutated = Arbitraries.integers().between(0, GOOD.length - 1).map(i -> {
            byte[] copy = GOOD.clone();
            copy[i] = (byte) (copy[i] == '"' ? 0xFF : '"');
            return copy;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(GOOD)),
                net.jqwik.api.Tuple.of(2, junk), net.jqwik.api.Tuple.of(2, mutated),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new byte[0]))).list().ofMaxSize(30);
    }

    private static List<Post> pollAll(ReplaySource source) {
        List<Post> posts = new ArrayList<>();
        for (int polls = 0; polls < 100; polls++) {
            Page page = source.poll().await().atMost(Duration.ofSeconds(10));
            posts.addAll(page.posts());
            source.commit(page).await().indefinitely();
            if (page.cursor().equals("end")) {
                break;
            }
        }
        return posts;
    }

    private static Path write(List<byte[]> lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.write(line);
            out.write('\n');
        }
        Path file = Files.createTempFile("replay", ".ndjson");
        file.toFile().deleteOnExit();
        return Files.write(file, out.toByteArray());
    }

    private static ReplaySource source(Path file, String format) {
        return ReplaySettings.source(format, 7, file);
    }
}
