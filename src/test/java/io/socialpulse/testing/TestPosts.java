package io.socialpulse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.socialpulse.post.Entities;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.stream.read.StreamRecord;

/** Known posts for tests: {@code dominant} is in every third post, other tags at most in a few. */
public final class TestPosts {

    private TestPosts() {
    }

    public static List<Post> make(String run, int count, String dominant) {
        String[] platforms = {"mastodon", "bluesky", "x"};
        List<Post> posts = new ArrayList<>(count);
        Instant base = Instant.parse("2026-11-20T09:30:00Z");
        for (int i = 0; i < count; i++) {
            String platform = platforms[i % platforms.length];
            String text = "post " + i + " about things #tag" + (i % 37) + (i % 3 == 0 ? " #" + dominant : "");
            String nativeId = run + "-" + i;
            // Spread over two hours so objects land in several hour partitions.
            Instant created = base.plusSeconds(i * 7200L / count);
            posts.add(Post.builder(platform, nativeId)
                    .author(new Post.Author("a" + i, "author" + i, null, null, null))
                    .text(text)
                    .lang("en")
                    .createdAt(created)
                    .hashtags(Entities.hashtags(text))
                    .mentions(Entities.mentions(text))
                    .metrics(Map.of("likes", (long) i))
                    .match(new Post.Match("test", List.of()))
                    .fetchedAt(Instant.now())
                    .raw(JsonNodeFactory.instance.objectNode().put("id", nativeId))
                    .build());
        }
        return posts;
    }

    /**
     * The first {@code count} x posts of a {@link #make} run as records of {@code shard}, sequence
     * numbers 1001 on: one platform, so a roll of them is one object per hour.
     */
    public static List<StreamRecord> records(String shard, String run, int count) {
        List<StreamRecord> records = new ArrayList<>();
        for (Post post : make(run, count * 3, "t")) {
            if (post.platform().equals("x") && records.size() < count) {
                records.add(new StreamRecord(shard, Long.toString(1001 + records.size()), Instant.now(),
                        PostCodec.encode(post), post, null));
            }
        }
        return records;
    }

    /**
     * {@code count} x posts of one hour as records of {@code shard} (sequence numbers 1001 on),
     * each with {@code textChars} of random text that gzip cannot shrink much: large objects from
     * few records.
     */
    public static List<StreamRecord> bulky(String shard, String run, int count, int textChars) {
        Random random = new Random(count);
        Instant created = Instant.parse("2026-11-20T09:30:00Z");
        List<StreamRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] noise = new byte[textChars * 3 / 4];
            random.nextBytes(noise);
            String text = Base64.getEncoder().encodeToString(noise);
            String nativeId = run + "-" + i;
            Post post = Post.builder("x", nativeId)
                    .author(new Post.Author("a" + i, "author" + i, null, null, null))
                    .text(text)
                    .lang("en")
                    .createdAt(created)
                    .match(new Post.Match("test", List.of()))
                    .fetchedAt(Instant.now())
                    .raw(JsonNodeFactory.instance.objectNode().put("id", nativeId))
                    .build();
            records.add(new StreamRecord(shard, Long.toString(1001 + i), Instant.now(), PostCodec.encode(post), post,
                    null));
        }
        return records;
    }

    public static Path writeNdjson(Path file, List<Post> posts) {
        try {
            Files.createDirectories(file.getParent());
            List<String> lines = posts.stream().map(p -> new String(PostCodec.encode(p), StandardCharsets.UTF_8))
                    .toList();
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
