package io.socialpulse.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.stream.read.StreamRecord;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.TestPosts;

class RollTest {

    private final LakeLayout layout = new LakeLayout("p", "s");
    private final Instant opened = Instant.parse("2026-11-20T10:00:00Z");

    private static StreamRecord record(Post post, long seq) {
        return new StreamRecord("shardId-0", Long.toString(seq), Instant.now(), PostCodec.encode(post), post, null);
    }

    @Test
    void writesOneCompleteGzipObjectPerPartitionNamedByTheFirstSequence() {
        Roll roll = new Roll(layout, "shardId-0", opened, RollPolicy.DEFAULT_PART_BYTES);
        List<Post> posts = TestPosts.make("roll", 30, "t");
        for (int i = 0; i < posts.size(); i++) {
            roll.add(record(posts.get(i), 100 + i));
        }
        List<LakeObject> objects = roll.finish();
        assertTrue(objects.size() >= 3, "three platforms, two hours");
        long lines = 0;
        for (LakeObject object : objects) {
            assertTrue(object.key().endsWith("/shardId-0-100.jsonl.gz"), object.key());
            String text = Lake.gunzip(object.body());
            lines += text.lines().count();
            assertEquals(object.records(), text.lines().count());
            for (String line : text.split("\n")) {
                Post post = PostCodec.decode(line.getBytes(StandardCharsets.UTF_8));
                assertTrue(object.key().contains("/" + layout.partition(post.platform(), post.createdAt()) + "/"),
                        post.platform() + " at " + post.createdAt() + " in " + object.key());
            }
        }
        assertEquals(30, lines);
    }

    @Test
    void aPoisonRecordMovesTheSequenceRangeButIsNotWritten() {
        Roll roll = new Roll(layout, "shardId-0", opened, RollPolicy.DEFAULT_PART_BYTES);
        roll.add(new StreamRecord("shardId-0", "7", Instant.now(), "junk".getBytes(StandardCharsets.UTF_8), null,
                "bad"));
        roll.add(record(TestPosts.make("r", 1, "t").get(0), 8));
        assertEquals("7", roll.firstSequence());
        assertEquals("8", roll.lastSequence());
        assertEquals(1, roll.finish().stream().mapToLong(LakeObject::records).sum());
    }

    @Test
    void rollsOnCompressedSizeAndOnWallClockAge() {
        RollPolicy policy = new RollPolicy(2048, Duration.ofSeconds(60));
        Roll roll = new Roll(layout, "shardId-0", opened, RollPolicy.DEFAULT_PART_BYTES);
        assertEquals(Optional.empty(), policy.reason(roll, opened.plusSeconds(3600)), "an empty roll never rolls");
        roll.add(record(TestPosts.make("r", 1, "t").get(0), 1));
        assertEquals(Optional.empty(), policy.reason(roll, opened.plusSeconds(59)));
        assertEquals(Optional.of("age"), policy.reason(roll, opened.plusSeconds(60)));
        // zlib holds back a block of output at a time: feed random text so compressed bytes show.
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            byte[] noise = new byte[600];
            random.nextBytes(noise);
            Post p = TestPosts.make("big", 1, "t").get(0);
            Post noisy = Post.builder(p.platform(), p.nativeId())
                    .schemaVersion(1)
                    .id(p.id() + i)
                    .kind(p.kind())
                    .text(Base64.getEncoder().encodeToString(noise))
                    .createdAt(p.createdAt())
                    .hashtags(p.hashtags())
                    .build();
            roll.add(record(noisy, 2 + i));
        }
        assertEquals(Optional.of("size"), policy.reason(roll, opened.plusSeconds(1)));
    }
}
