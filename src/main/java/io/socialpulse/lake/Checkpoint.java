package io.socialpulse.lake;

import java.time.Instant;

/** The last roll of a shard whose objects all exist; reading resumes after {@code lastSequence}. */
public record Checkpoint(String stream, String shardId, String lastSequence, String manifest, boolean shardEnded,
        Instant committedAt) {
}
