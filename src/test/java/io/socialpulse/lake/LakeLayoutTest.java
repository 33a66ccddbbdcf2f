package io.socialpulse.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class LakeLayoutTest {

    private final LakeLayout layout = new LakeLayout("/pulse/", "posts");

    @Test
    void partitionsByPlatformAndTheUtcTimeOfThePost() {
        assertEquals("platform=mastodon/dt=2026-01-01/hour=00",
                layout.partition("Mastodon", Instant.parse("2026-01-01T00:59:59Z")));
        assertEquals("platform=x_y/dt=2025-12-31/hour=23",
                layout.partition("x/y", Instant.parse("2025-12-31T23:00:00Z")));
    }

    @Test
    void objectNamesDependOnlyOnShardAndFirstSequenceNumber() {
        String key = layout.objectKey("platform=x/dt=2026-01-01/hour=05", "shardId-000000000001", "4960");
        assertEquals("pulse/posts/platform=x/dt=2026-01-01/hour=05/shardId-000000000001-4960.jsonl.gz", key);
    }

    @Test
    void manifestNamesSortInSequenceOrder() {
        String shorter = layout.manifestKey("shardId-0", "999");
        String longer = layout.manifestKey("shardId-0", "1000");
        assertTrue(shorter.compareTo(longer) < 0, shorter + " before " + longer);
        assertEquals("pulse/_checkpoints/posts/shardId-0.json", layout.checkpointKey("shardId-0"));
    }

    @Test
    void anEmptyPrefixPutsEverythingAtTheTop() {
        assertEquals("dead-letter/records/a.json", new LakeLayout("", "s").deadLetterKey("records", "a"));
    }
}
