package io.socialpulse.lake;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When an open roll is written: at its compressed size cap, or when it is old enough (wall clock). */
record RollPolicy(long maxCompressedBytes, Duration maxAge) {

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
