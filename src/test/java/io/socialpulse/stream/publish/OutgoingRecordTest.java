package io.socialpulse.stream.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutgoingRecordTest {

    @Test
    void postIdIsThePartitionKey() {
        assertEquals("x:1790000000000000001", OutgoingRecord.partitionKey("x:1790000000000000001"));
    }

    @Test
    void overlongIdsAreHashedStably() {
        String id = "mastodon:https://example.social/users/" + "a".repeat(300) + "/statuses/1";
        String key = OutgoingRecord.partitionKey(id);
        assertTrue(key.startsWith("sha256:") && key.length() <= OutgoingRecord.MAX_PARTITION_KEY, key);
        assertEquals(key, OutgoingRecord.partitionKey(id));
    }
}
