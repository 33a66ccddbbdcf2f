package io.socialpulse.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** Bluesky post search through the account's host ({@code SOURCES_BLUESKY_*}). */
public interface BlueskyConfig {
    /** {@code SOURCES_BLUESKY_IDENTIFIER}: the account's handle or DID. */
    Optional<String> identifier();

    /** {@code SOURCES_BLUESKY_APP_PASSWORD}: an app password (Settings, Privacy and security, App passwords). */
    Optional<String> appPassword();

    /** {@code SOURCES_BLUESKY_QUERIES}: comma-separated search queries; one source each. */
    Optional<List<String>> queries();

    /** {@code SOURCES_BLUESKY_SERVICE}: the account's host (PDS). Default https://bsky.social. */
    @WithDefault("https://bsky.social")
    String service();

    /**
     * {@code SOURCES_BLUESKY_LOOKBACK}: how far before the newest post seen each search starts again, for
     * posts indexed late. Default 15m.
     */
    @WithDefault("15m")
    Duration lookback();

    /** {@code SOURCES_BLUESKY_INTERVAL}: time between polls of one query. Default 60s. */
    @WithDefault("60s")
    Duration interval();
}
