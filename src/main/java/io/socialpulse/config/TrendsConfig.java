package io.socialpulse.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The live trend view ({@code TRENDS_*}). */
@ConfigMapping(prefix = "trends")
public interface TrendsConfig {

    /** The windows a client may ask for, by name, in order. */
    Map<String, Duration> WINDOWS = windows();

    private static Map<String, Duration> windows() {
        Map<String, Duration> windows = new LinkedHashMap<>();
        windows.put("1m", Duration.ofMinutes(1));
        windows.put("5m", Duration.ofMinutes(5));
        windows.put("15m", Duration.ofMinutes(15));
        windows.put("1h", Duration.ofHours(1));
        return Collections.unmodifiableMap(windows);
    }

    /** {@code TRENDS_WINDOW}: the window shown when a client names none: 1m, 5m, 15m or 1h. Default 1m. */
    @WithDefault("1m")
    Duration window();

    /** {@code TRENDS_BUCKET}: step of the one-minute window (longer windows step by a minute). Default 5s. */
    @WithDefault("5s")
    Duration bucket();

    /** {@code TRENDS_TICK}: how often an update is pushed to subscribers. Default 2s. */
    @WithDefault("2s")
    Duration tick();

    /** {@code TRENDS_TOP}: entries in the top list. Default 20. */
    @WithDefault("20")
    int top();

    /** {@code TRENDS_INFLUENCERS_TOP}: accounts listed by engagement, by reach, and per moving tag. Default 10. */
    @WithDefault("10")
    int influencersTop();

    /** {@code TRENDS_EXAMPLE_POSTS}: most engaging posts shown per rising or trending tag. Default 3. */
    @WithDefault("3")
    int examplePosts();

    /** {@code TRENDS_HISTORY}: write each minute's lists to the lake under {@code trends/} (needs LAKE_BUCKET). Default true. */
    @WithDefault("true")
    boolean history();

    /** {@code TRENDS_SKETCH_SIZE}: counters per bucket sketch (a power of two); memory is fixed by it. Default 1024. */
    @WithDefault("1024")
    int sketchSize();

    /** {@code TRENDS_PING}: interval of the {@code :ping} comment that keeps idle proxies from closing a stream. Default 15s. */
    @WithDefault("15s")
    Duration ping();

    /** {@code TRENDS_WATCHLIST}: comma-separated brands or keywords counted exactly, with share of voice. */
    Optional<List<String>> watchlist();

    /** {@code TRENDS_ALERT_Z}: a watched or trending tag whose z reaches this raises an {@code alert}. Default 5. */
    @WithDefault("5")
    double alertZ();

    /** {@code TRENDS_ALERT_COOLDOWN}: no second alert for the same term within this. Default 10m. */
    @WithDefault("10m")
    Duration alertCooldown();

    /** {@code TRENDS_SENTIMENT_MAX_RATE}: posts scored per second at most; beyond, sentiment samples. Default 20000. */
    @WithDefault("20000")
    int sentimentMaxRate();

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

        /** {@code TRENDS_RISING_MIN_AUTHORS}: distinct authors below which a tag never trends. Default 3. */
        @WithDefault("3")
        int minAuthors();

        /** {@code TRENDS_RISING_ENTER_Z}: standard deviations above baseline to start trending. Default 3. */
        @WithDefault("3")
        double enterZ();

        /** {@code TRENDS_RISING_EXIT_Z}: a trending tag stops trending below this. Default 1. */
        @WithDefault("1")
        double exitZ();
    }
}
