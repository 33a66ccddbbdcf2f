package io.socialpulse.stream.read;

import io.smallrye.mutiny.Uni;

/**
 * One shard read from a starting point to its end or to a stop, by polling (GetRecords) or by
 * enhanced fan-out (SubscribeToShard). Either way the listeners get the shard's records once and
 * in order, one call at a time, and a failure starts them over from their checkpoint.
 */
interface ShardRead {

    /** What comes after one step of a read: another step, nothing (the shard ended), or the stop. */
    enum Outcome {
        CONTINUE, ENDED, STOPPED
    }

    /** Completes true when the shard was read to its end, false when the read was stopped. */
    Uni<Boolean> run();

    /** Reads on until the shard is caught up or {@code deadlineNanos} passes, then stops. */
    void stop(long deadlineNanos);

    /** True once a read after the stop request found nothing more: the shard was read to its tip. */
    boolean caughtUp();

    /** How far the last answer was behind the tip of the shard, or -1 before the first. */
    long millisBehind();

    /** How often this shard had to skip ahead because its checkpoint had left the stream. */
    long expiredCheckpoints();
}
