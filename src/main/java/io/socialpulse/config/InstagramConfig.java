package io.socialpulse.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** Instagram Graph hashtag search ({@code SOURCES_INSTAGRAM_*}). */
public interface InstagramConfig {
    /** {@code SOURCES_INSTAGRAM_ACCESS_TOKEN}: a user token with instagram_basic and Public Content Access. */
    Optional<String> accessToken();

    /** {@code SOURCES_INSTAGRAM_USER_ID}: the Instagram business or creator account id that searches. */
    Optional<String> userId();

    /** {@code SOURCES_INSTAGRAM_HASHTAGS}: comma-separated hashtags (at most 30 per account per 7 days). */
    Optional<List<String>> hashtags();

    /** {@code SOURCES_INSTAGRAM_INTERVAL}: time between polls of one hashtag. Default 10m. */
    @WithDefault("10m")
    Duration interval();

    /** {@code SOURCES_INSTAGRAM_BASE_URL}: the Graph host. Default https://graph.facebook.com. */
    @WithDefault("https://graph.facebook.com")
    String baseUrl();

    /** {@code SOURCES_INSTAGRAM_GRAPH_VERSION}: the Graph API version. Default v25.0. */
    @WithDefault("v25.0")
    String graphVersion();

    /** {@code SOURCES_INSTAGRAM_MAX_PAGES}: pages of recent media read per poll. Default 10. */
    @WithDefault("10")
    int maxPages();
}
