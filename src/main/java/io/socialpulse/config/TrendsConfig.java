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
}
