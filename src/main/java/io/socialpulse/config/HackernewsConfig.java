package io.socialpulse.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** Hacker News search through Algolia ({@code SOURCES_HACKERNEWS_*}). */
public interface HackernewsConfig {
    /** {@code SOURCES_HACKERNEWS_QUERIES}: comma-separated search terms; one source each. */
    Optional<List<String>> queries();

    /** {@code SOURCES_HACKERNEWS_TAGS}: Algolia tags filter. Default stories and comments. */
    @WithDefault("(story,comment)")
    String tags();

    /** {@code SOURCES_HACKERNEWS_INTERVAL}: time between polls of one query. Default 60s. */
    @WithDefault("60s")
    Duration interval();

    /** {@code SOURCES_HACKERNEWS_BACKFILL}: how far back a query's first run reaches. Default 1h. */
    @WithDefault("1h")
    Duration backfill();

    /** {@code SOURCES_HACKERNEWS_BASE_URL}: the search API. Default https://hn.algolia.com. */
    @WithDefault("https://hn.algolia.com")
    String baseUrl();
}
