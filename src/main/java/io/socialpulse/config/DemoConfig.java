package io.socialpulse.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** The synthetic source ({@code SOURCES_DEMO_*}). */
public interface DemoConfig {
    /** {@code SOURCES_DEMO_RATE}: posts per second. Default 50. */
    @WithDefault("50")
    int rate();

    /** {@code SOURCES_DEMO_SEED}: the same seed gives the same posts. Default 42. */
    @WithDefault("42")
    long seed();

    /** {@code SOURCES_DEMO_BURST_EVERY}: time between the starts of two bursts of one hashtag. Default 180s. */
    @WithDefault("180s")
    Duration burstEvery();

    /** {@code SOURCES_DEMO_BURST_LENGTH}: how long a burst lasts. Default 60s. */
    @WithDefault("60s")
    Duration burstLength();

    /** {@code SOURCES_DEMO_FIRST_BURST}: when the first burst starts after startup. Default 10s. */
    @WithDefault("10s")
    Duration firstBurst();
}
