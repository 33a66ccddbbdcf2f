package io.socialpulse.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** Reddit search with an approved app's credentials ({@code SOURCES_REDDIT_*}). */
public interface RedditConfig {
    /** {@code SOURCES_REDDIT_CLIENT_ID}: the app's client id. */
    Optional<String> clientId();

    /** {@code SOURCES_REDDIT_CLIENT_SECRET}: the app's secret. */
    Optional<String> clientSecret();

    /** {@code SOURCES_REDDIT_USER_AGENT}: {@code <platform>:<app id>:<version> (by /u/<username>)}, as Reddit requires. */
    Optional<String> userAgent();

    /** {@code SOURCES_REDDIT_QUERIES}: comma-separated search queries; one source each. */
    Optional<List<String>> queries();

    /** {@code SOURCES_REDDIT_INTERVAL}: time between polls of one query. Default 60s. */
    @WithDefault("60s")
    Duration interval();

    /** {@code SOURCES_REDDIT_AUTH_URL}: where tokens come from. Default https://www.reddit.com. */
    @WithDefault("https://www.reddit.com")
    String authUrl();

    /** {@code SOURCES_REDDIT_BASE_URL}: the OAuth API host. Default https://oauth.reddit.com. */
    @WithDefault("https://oauth.reddit.com")
    String baseUrl();
}
