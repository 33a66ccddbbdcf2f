package io.socialpulse.lake;

import java.time.Instant;
import java.util.List;

/**
 * The last roll of a shard whose objects all exist; reading resumes after {@code lastSequence}.
 * {@code recentManifests} are the rolls, oldest first, whose post ids the writer remembered at that
 * point, so that a restarted writer drops the same duplicates (absent in older checkpoints).
 */
public record Checkpoint(String stream, String shardId, String lastSequence, String manifest, boolean shardEnded,
        Instant committedAt, List<String> recentManifests) {

    public Checkpoint {
        recentManifests = recentManifests == null ? List.of() : List.copyOf(recentManifests);
    }
}
