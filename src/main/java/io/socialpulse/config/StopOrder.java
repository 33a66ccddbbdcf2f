package io.socialpulse.config;

/**
 * The order the parts stop in after SIGTERM, in one place: the {@code @Priority} of each
 * {@code ShutdownEvent} observer, lower first. The whole stop stays within {@code SHUTDOWN_DELAY}
 * plus {@code SERVICE_STOP_BUDGET}, under ECS's 30 s before SIGKILL.
 */
public final class StopOrder {

    /** Readiness goes down, so the load balancer sends no new work. */
    public static final int READINESS = 1;
    /** Sources stop, the publisher flushes, cursors commit, the reader drains, the lake commits. */
    public static final int PIPELINE = 2;
    /** The trend view writes its last minute to the lake. */
    public static final int TREND_HISTORY = 30;
    /** The live streams end, each subscriber told to come back. */
    public static final int LIVE_STREAMS = 40;

    private StopOrder() {
    }
}
