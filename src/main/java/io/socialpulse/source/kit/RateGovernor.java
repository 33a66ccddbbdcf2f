package io.socialpulse.source.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.socialpulse.source.SourceStatus.State;

/**
 * One rate bucket per platform, credential and endpoint, shared by every source that spends it.
 * A bucket is open, waiting for a window's reset, parked on a used-up quota, or backing off after
 * faults; sources ask it before each request and tell it what the platform answered.
 */
public final class RateGovernor {

    private final Clock clock;
    private final Duration park;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** {@code park}: how long a used-up quota keeps its sources away when the platform gives no time. */
    public RateGovernor(Clock clock, Duration park) {
        this.clock = clock;
        this.park = park;
    }

    /** The bucket for {@code platform}, the credential (never stored, only a fingerprint) and {@code endpoint}. */
    public Bucket bucket(String platform, String credential, String endpoint) {
        String key = platform + ":" + fingerprint(credential) + ":" + endpoint;
        return buckets.computeIfAbsent(key, k -> new Bucket(platform + " " + endpoint));
    }

    public Clock clock() {
        return clock;
    }

    private static String fingerprint(String credential) {
        return credential == null ? "-" : Integer.toHexString(credential.hashCode());
    }

    /** A rate budget and what is known about it. */
    public final class Bucket {

        private static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
        private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
        private static final Duration FIRST_AUTH_BACKOFF = Duration.ofMinutes(1);
        private static final Duration MAX_AUTH_BACKOFF = Duration.ofMinutes(30);
        /** Longer than any platform window or daily quota (YouTube resets at midnight Pacific). */
        private static final Duration MAX_WAIT = Duration.ofHours(25);

        private final String name;
        private State state = State.RUNNING;
        private Instant openAt = Instant.EPOCH;
        private int failures;
        private long remaining = -1;
        private String reason;

        Bucket(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** True when a request may go now. */
        public synchronized boolean open() {
            return !clock.instant().isBefore(openAt);
        }

        public synchronized Instant openAt() {
            return openAt;
        }

        public synchronized State state() {
            return open() ? State.RUNNING : state;
        }

        public synchronized String reason() {
            return reason;
        }

        /** Requests left in the current window, as the platform last said; -1 when unknown. */
        public synchronized long remaining() {
            return remaining;
        }

        /** A successful answer: faults are forgotten; with no requests left, wait for the reset. */
        public synchronized void succeeded(long remaining, Instant reset) {
            failures = 0;
            this.remaining = remaining;
            if (remaining == 0 && reset != null && reset.isAfter(clock.instant())) {
                waitFor(reset, "rate window used up, resets at " + reset);
            } else {
                state = State.RUNNING;
                reason = null;
            }
        }

        /** Applies a failed poll; returns the state the bucket is now in. */
        public synchronized State failed(PlatformException failure) {
            Instant now = clock.instant();
            switch (failure.kind()) {
                case WINDOW -> waitFor(failure.until() != null && failure.until().isAfter(now)
                        ? failure.until()
                        : now.plus(backoff(FIRST_BACKOFF.multipliedBy(15), MAX_BACKOFF)), failure.getMessage());
                case QUOTA -> {
                    Instant until = failure.until() != null && failure.until().isAfter(now)
                            ? failure.until()
                            : now.plus(park);
                    state = State.PARKED;
                    openAt = capped(until);
                    reason = failure.getMessage();
                }
                case AUTH -> fail(backoff(FIRST_AUTH_BACKOFF, MAX_AUTH_BACKOFF), failure.getMessage());
                default -> {
                    // A Retry-After on a 503 is the least the backoff waits.
                    Duration delay = backoff(FIRST_BACKOFF, MAX_BACKOFF);
                    if (failure.until() != null && failure.until().isAfter(now.plus(delay))) {
                        delay = Duration.between(now, failure.until());
                    }
                    fail(delay, failure.getMessage());
                }
            }
            return state;
        }

        private void waitFor(Instant reset, String why) {
            reset = capped(reset);
            state = State.WAITING;
            // A little jitter past the reset, so every source on the bucket does not fire at once.
            openAt = reset.plusMillis(ThreadLocalRandom.current().nextLong(250, 1500));
            reason = why;
        }

        /** No platform's window or quota lasts longer than a day: a later time is a bogus header. */
        private Instant capped(Instant until) {
            Instant latest = clock.instant().plus(MAX_WAIT);
            return until.isAfter(latest) ? latest : until;
        }

        private void fail(Duration delay, String why) {
            state = State.FAILING;
            openAt = capped(clock.instant().plus(delay));
            reason = why;
        }

        /** Exponential backoff from {@code first}, capped, with jitter over the upper half. */
        private Duration backoff(Duration first, Duration max) {
            failures++;
            long cap = Math.min(max.toMillis(), first.toMillis() << Math.min(failures - 1, 20));
            return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
        }
    }
}
