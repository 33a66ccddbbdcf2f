package io.socialpulse.stream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, capped: attempt 1 waits up to {@code base}, then doubles. */
public record Backoff(Duration base, Duration max) {

    public Duration delay(int attempt) {
        if (attempt <= 0) {
            return Duration.ZERO;
        }
        long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
        // Full jitter, with a floor of half the ceiling so retries still spread out but never spin.
        long millis = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        return Duration.ofMillis(millis);
    }
}
