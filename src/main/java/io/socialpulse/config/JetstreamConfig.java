package io.socialpulse.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** The Bluesky Jetstream firehose ({@code SOURCES_JETSTREAM_*}). */
public interface JetstreamConfig {
    /** {@code SOURCES_JETSTREAM_URL}: the Jetstream host. Default wss://jetstream2.us-east.bsky.network. */
    @WithDefault("wss://jetstream2.us-east.bsky.network")
    String url();

    /**
     * {@code SOURCES_JETSTREAM_KEYWORDS}: comma-separated words or #hashtags a post must contain to be
     * kept (Jetstream has no server-side filter: every post on the network arrives and is matched here).
     */
    Optional<List<String>> keywords();

    /** {@code SOURCES_JETSTREAM_BUFFER}: matched posts held before the stream is paused. Default 10000. */
    @WithDefault("10000")
    int buffer();

    /**
     * {@code SOURCES_JETSTREAM_IDLE_TIMEOUT}: a connection this long without an event while being read is
     * taken for dead and reopened from the last event. Default 60s.
     */
    @WithDefault("60s")
    Duration idleTimeout();
}
