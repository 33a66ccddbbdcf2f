package io.socialpulse.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The live trend view ({@code TRENDS_*}). */
@ConfigMapping(prefix = "trends")
public interface TrendsConfig {

    /** {@code TRENDS_WINDOW}: sliding window the counts cover. Default 60s. */
    @WithDefault("60s")
    Duration window();

    /** {@code TRENDS_BUCKET}: granularity of the window; the window slides by this much. Default 5s. */
    @WithDefault("5s")
    Duration bucket();

    /** {@code TRENDS_TICK}: how often an update is pushed to subscribers. Default 2s. */
    @WithDefault("2s")
    Duration tick();

    /** {@code TRENDS_TOP}: entries in the top list. Default 20. */
    @WithDefault("20")
    int top();

    /** {@code TRENDS_SKETCH_SIZE}: counters per bucket sketch (a power of two); memory is fixed by it. Default 1024. */
    @WithDefault("1024")
    int sketchSize();

    /** {@code TRENDS_PING}: interval of the {@code :ping} comment that keeps idle proxies from closing a stream. Default 15s. */
    @WithDefault("15s")
    Duration ping();

    /** {@code TRENDS_MAX_SUBSCRIBERS}: open streams allowed; one more is answered 503 with Retry-After. Default 10000. */
    @WithDefault("10000")
    int maxSubscribers();

    /** {@code TRENDS_REPLAY}: how far back a reconnecting client's Last-Event-ID is replayed. Default 5m. */
    @WithDefault("5m")
    Duration replay();

    /** {@code TRENDS_STALL_TIMEOUT}: a subscriber that takes nothing for this long is disconnected. Default 45s. */
    @WithDefault("45s")
    Duration stallTimeout();

    /** How a tag's recent count is judged against its own baseline ({@code TRENDS_RISING_*}). */
    Rising rising();

    interface Rising {
        /** {@code TRENDS_RISING_RECENT}: the recent period whose count is compared with the baseline. Default 15s. */
        @WithDefault("15s")
        Duration recent();

        /** {@code TRENDS_RISING_HALF_LIFE}: half-life of the baseline (an exponentially weighted mean). Default 30m. */
        @WithDefault("30m")
        Duration halfLife();

        /** {@code TRENDS_RISING_WARMUP}: after a start, tags seen for the first time take their count as baseline. Default 2m. */
        @WithDefault("2m")
        Duration warmup();

        /** {@code TRENDS_RISING_MIN_COUNT}: fewer posts than this in the recent period never trend. Default 10. */
        @WithDefault("10")
        int minCount();

        /** {@code TRENDS_RISING_ENTER_Z}: standard deviations above baseline to start trending. Default 3. */
        @WithDefault("3")
        double enterZ();

        /** {@code TRENDS_RISING_EXIT_Z}: a trending tag stops trending below this. Default 1. */
        @WithDefault("1")
        double exitZ();
    }
}
