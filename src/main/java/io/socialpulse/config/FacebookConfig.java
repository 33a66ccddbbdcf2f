package io.socialpulse.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** Facebook Graph page feeds ({@code SOURCES_FACEBOOK_*}). */
public interface FacebookConfig {
    /** {@code SOURCES_FACEBOOK_ACCESS_TOKEN}: a Page or system-user access token. */
    Optional<String> accessToken();

    /** {@code SOURCES_FACEBOOK_PAGES}: comma-separated page ids; one source each. */
    Optional<List<String>> pages();

    /** {@code SOURCES_FACEBOOK_INTERVAL}: time between polls of one page. Default 120s. */
    @WithDefault("120s")
    Duration interval();

    /** {@code SOURCES_FACEBOOK_BASE_URL}: the Graph host. Default https://graph.facebook.com. */
    @WithDefault("https://graph.facebook.com")
    String baseUrl();

    /** {@code SOURCES_FACEBOOK_GRAPH_VERSION}: the Graph API version. Default v25.0. */
    @WithDefault("v25.0")
    String graphVersion();

    /** {@code SOURCES_FACEBOOK_COMMENTS}: also collect the comments returned with each post. Default true. */
    @WithDefault("true")
    boolean comments();

    /** {@code SOURCES_FACEBOOK_OVERLAP}: how far before the last seen post each poll starts. Default 10m. */
    @WithDefault("10m")
    Duration overlap();

    /** {@code SOURCES_FACEBOOK_BACKFILL}: how far back the first poll of a page reaches. Default 24h. */
    @WithDefault("24h")
    Duration backfill();

    /**
     * {@code SOURCES_FACEBOOK_COMMENTS_WINDOW}: with comments on, the comments of posts younger than this
     * are read after every run, newest first, since the last one seen. {@code 0s} takes only the comments
     * the feed returns with each post (the oldest 25, while the post is inside the overlap). Default 48h.
     */
    @WithDefault("48h")
    Duration commentsWindow();

    /**
     * {@code SOURCES_FACEBOOK_APP_SECRET}: the app secret, for apps that require {@code appsecret_proof}
     * (an HMAC-SHA256 of the token keyed with it) on every call. Unset: no proof is sent.
     */
    Optional<String> appSecret();
}
