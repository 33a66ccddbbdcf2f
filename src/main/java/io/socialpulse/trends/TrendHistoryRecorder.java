package io.socialpulse.trends;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.socialpulse.config.LakeConfig;
import io.socialpulse.config.StopOrder;
import io.socialpulse.config.TrendsConfig;
import io.socialpulse.store.ObjectStore;

/** Keeps the trend view's minutes in the lake ({@link TrendHistory}) when it runs and a bucket is set. */
@Singleton
public class TrendHistoryRecorder {

    private TrendHistory history;

    void start(@Observes StartupEvent event, TrendsConfig trends, LakeConfig lake, ObjectStore store, TrendHub hub) {
        if (!trends.history() || !hub.enabled() || lake.bucket().isEmpty()) {
            return;
        }
        history = new TrendHistory(store, lake.prefix(), TrendHistory.taskName());
        hub.events().subscribe().with(tick -> history.onTick(tick).subscribe().with(written -> {
        }, f -> Log.warnf("trends: history: %s", f.toString())));
    }

    /** The minute under way is written at a stop: a task that stops mid-minute keeps it. */
    void stop(@Observes @Priority(StopOrder.TREND_HISTORY) ShutdownEvent event) {
        if (history != null) {
            history.flush().await().atMost(Duration.ofSeconds(5));
        }
    }
}
