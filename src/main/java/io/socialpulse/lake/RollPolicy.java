package io.socialpulse.lake;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an open roll is written: at its compressed size cap, or when it is old enough (wall clock).
 * {@code partBytes} is the size at which a partition's buffer goes to S3 as a multipart part.
 */
record RollPolicy(long maxCompressedBytes, Duration maxAge, long partBytes) {

    /** S3's smallest part but the last. */
    static final long MIN_PART_BYTES = 5L << 20;
    static final long DEFAULT_PART_BYTES = 8L << 20;

    RollPolicy(long maxCompressedBytes, Duration maxAge) {
        this(maxCompressedBytes, maxAge, DEFAULT_PART_BYTES);
    }

    Optional<String> reason(Roll roll, Instant now) {
        if (roll.isEmpty()) {
            return Optional.empty();
        }
        if (roll.compressedBytes() >= maxCompressedBytes) {
            return Optional.of("size");
        }
        if (!now.isBefore(roll.openedAt().plus(maxAge))) {
            return Optional.of("age");
        }
        return Optional.empty();
    }
}
