package io.socialpulse.ops;

import java.time.Duration;

/**
 * One deadline for the whole stop, split across its stages in order: the publisher's flush, the
 * reader's drain, the lake's final commit. Each stage may use what the earlier ones left, but the
 * commit always keeps its share, so that what the reader has read lands in the lake before the
 * process must be gone. Times are {@link System#nanoTime()} readings.
 */
public record StopBudget(long start, long end, long commitFrom, long flushUntil) {

    /** The lake's final commit keeps this share of the budget whatever the earlier stages took. */
    static final double COMMIT_SHARE = 0.3;
    /** Kept at the end of a flush-only stop for aborted requests to end before the client closes. */
    static final Duration SETTLE = Duration.ofSeconds(1);

    /**
     * @param flushCap the most the publisher's flush may take ({@code KINESIS_PUBLISHER_FLUSH_TIMEOUT})
     * @param readerRuns whether a reader drains and commits after the flush; if not, the flush may use it all
     */
    public static StopBudget starting(long now, Duration total, Duration flushCap, boolean readerRuns) {
        long end = now + total.toNanos();
        long commitFrom = end - (long) (total.toNanos() * COMMIT_SHARE);
        // With a reader to come, the flush leaves the drain at least as long as the commit's share.
        // Without one, it leaves a moment for aborted requests to end before the client is closed.
        long flushLimit = readerRuns ? now + total.toNanos() - 2 * (end - commitFrom) : end - SETTLE.toNanos();
        return new StopBudget(now, end, commitFrom, Math.min(flushLimit, now + flushCap.toNanos()));
    }

    /** Until when the reader may read on to the tip of each shard before committing what it holds. */
    public long drainUntil() {
        return commitFrom;
    }

    public Duration total() {
        return Duration.ofNanos(end - start);
    }
}
