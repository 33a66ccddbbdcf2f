package io.socialpulse.ops;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.socialpulse.config.KinesisConfig;
import io.socialpulse.config.Role;
import io.socialpulse.config.RolesConfig;
import io.socialpulse.config.StopOrder;
import io.socialpulse.source.SourceRunner;
import io.socialpulse.stream.publish.PublisherFactory;
import io.socialpulse.stream.read.StreamReader;

/**
 * The stop, in order and within one budget ({@link StopBudget}): sources stop polling, the
 * publisher flushes, runs in progress commit their cursors, the reader drains and the lake commits.
 * Everything that uses an AWS client has finished or been given up when this returns, because
 * Quarkus then closes the clients and destroys the beans; the live streams end after this.
 */
@Singleton
public class StopSequence {

    private static final Duration CURSOR_COMMIT = Duration.ofSeconds(2);

    private final RolesConfig roles;
    private final KinesisConfig kinesis;
    private final SourceRunner sources;
    private final PublisherFactory publishers;
    private final StreamReader reader;

    StopSequence(RolesConfig roles, KinesisConfig kinesis, SourceRunner sources, PublisherFactory publishers,
            StreamReader reader) {
        this.roles = roles;
        this.kinesis = kinesis;
        this.sources = sources;
        this.publishers = publishers;
        this.reader = reader;
    }

    void onStop(@Observes @Priority(StopOrder.PIPELINE) ShutdownEvent event) {
        StopBudget budget = StopBudget.starting(System.nanoTime(), roles.stopBudget(),
                kinesis.publisher().flushTimeout(), reader.enabled());
        Log.infof("stopping within %s: sources, then the publisher (up to %s), then the reader's drain and the"
                + " lake's last commit (from %s on), then the live streams", budget.total(),
                Duration.ofNanos(budget.flushUntil() - budget.start()),
                Duration.ofNanos(budget.commitFrom() - budget.start()));
        sources.stop();
        if (roles.runs(Role.SOURCES)) {
            publishers.current().ifPresent(publisher -> publisher.close(budget.flushUntil()));
        }
        // A page the flush settled commits its cursor at once; a run still polling a platform finds
        // the publisher closed and leaves its cursor, so it is not waited for beyond a moment.
        sources.awaitRuns(Math.min(reader.enabled() ? budget.drainUntil() : budget.end(),
                System.nanoTime() + CURSOR_COMMIT.toNanos()));
        if (reader.enabled()) {
            reader.stop(budget.drainUntil(), budget.end());
        }
        Log.infof("stopped the pipeline in %d ms", Duration.ofNanos(System.nanoTime() - budget.start()).toMillis());
    }
}
