package io.socialpulse.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which sources run and how ({@code SOURCES_*}, {@code DEMO_*}, {@code REPLAY_*}). */
@ConfigMapping(prefix = "sources")
public interface SourcesConfig {

    /** {@code SOURCES_ENABLED}: comma-separated sources to run: {@code demo}, {@code replay}, or {@code none}. Default {@code demo}. */
    @WithDefault("demo")
    List<String> enabled();

    /** {@code SOURCES_JITTER}: random delay added before each poll so sources do not fire together. Default 250ms. */
    @WithDefault("250ms")
    Duration jitter();

    /** The synthetic source ({@code SOURCES_DEMO_*}). */
    Demo demo();

    /** The NDJSON file source ({@code SOURCES_REPLAY_*}). */
    Replay replay();

    interface Demo {
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

    interface Replay {
        /** {@code SOURCES_REPLAY_FILES}: comma-separated NDJSON files of posts, read in order. */
        Optional<List<Path>> files();

        /** {@code SOURCES_REPLAY_RATE}: posts per second; 0 publishes as fast as Kinesis accepts. Default 0. */
        @WithDefault("0")
        int rate();

        /** {@code SOURCES_REPLAY_PAGE_SIZE}: posts handed to the publisher at once. Default 500. */
        @WithDefault("500")
        int pageSize();
    }
}
