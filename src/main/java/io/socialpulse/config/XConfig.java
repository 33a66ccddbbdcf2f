package io.socialpulse.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** X API v2 recent search ({@code SOURCES_X_*}). */
public interface XConfig {
    /** {@code SOURCES_X_BEARER_TOKEN}: an app-only bearer token from the X developer console. */
    Optional<String> bearerToken();

    /** {@code SOURCES_X_QUERIES}: comma-separated search queries (escape a comma in a query as {@code \\,}); one source each. */
    Optional<List<String>> queries();

    /** {@code SOURCES_X_INTERVAL}: time between polls of one query. Default 60s. */
    @WithDefault("60s")
    Duration interval();

    /** {@code SOURCES_X_BASE_URL}: the API host. Default https://api.x.com. */
    @WithDefault("https://api.x.com")
    String baseUrl();

    /** {@code SOURCES_X_MAX_RESULTS}: posts per page, 10 to 100. Default 100. */
    @WithDefault("100")
    int maxResults();

    /** {@code SOURCES_X_BACKFILL}: how far back the first run of a query reaches (at most 7 days). Default 1h. */
    @WithDefault("1h")
    Duration backfill();

    /**
     * {@code SOURCES_X_REPOSTS}: {@code keep} stores a retweet as a repost of its original (counted as
     * amplification of the original's tags), {@code drop} leaves retweets out. Default keep.
     */
    @WithDefault("keep")
    String reposts();

    /** Whether retweets are collected ({@code SOURCES_X_REPOSTS=keep}). */
    default boolean keepReposts() {
        return !"drop".equalsIgnoreCase(reposts().strip());
    }

    /**
     * {@code SOURCES_X_USERS}: expand each post's author (handle, name, followers). Every expanded
     * object is a resource read that pay-per-use plans bill; {@code false} stores the author's id only.
     * Default true.
     */
    @WithDefault("true")
    boolean users();
}
