package io.socialpulse.source;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * A poller of one platform and query. The runner calls {@link #poll} on the source's schedule,
 * never twice at once, publishes the page, and calls {@link #commit} only once Kinesis has
 * accepted every post of it, so a source moves its cursor only past posts that are safe.
 */
public interface Source {

    /** Stable id, used in logs, status and the posts' {@code match.sourceId}. */
    String id();

    /** Time between the starts of two polls. */
    Duration interval();

    /** The next page after the committed cursor; an empty page when there is nothing new. */
    Uni<Page> poll();

    /**
     * Moves the cursor past {@code page}, durably where the source keeps cursors; called once its
     * posts are all in Kinesis. The next run starts only after the returned stage completes.
     */
    Uni<Void> commit(Page page);

    /** The platform the posts come from, for status and metrics. */
    default String platform() {
        return id();
    }

    /** Hands the source the status the runner reports, so it can say when it waits or fails. */
    default void watch(SourceStatus status) {
    }
}
