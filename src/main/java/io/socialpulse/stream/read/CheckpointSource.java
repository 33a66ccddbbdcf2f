package io.socialpulse.stream.read;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Tells the reader where to start a shard: after the last sequence number whose records are
 * durably stored. The lake writer is the one implementation; without it the reader starts at the
 * stream's tip.
 */
public interface CheckpointSource {

    /** False when this process does not run the role behind the listener. */
    default boolean enabled() {
        return true;
    }

    /** The sequence number to read after, or empty to read the shard from its oldest record. */
    Uni<Optional<String>> startAfter(String shardId);
}
