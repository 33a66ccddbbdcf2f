package io.socialpulse.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** The NDJSON file source ({@code SOURCES_REPLAY_*}). */
public interface ReplayConfig {
    /** What {@code SOURCES_REPLAY_FORMAT} may name. */
    List<String> FORMATS = List.of("posts", "twarc", "jetstream", "mastodon");

    /** {@code SOURCES_REPLAY_FILES}: comma-separated NDJSON files of posts, read in order. */
    Optional<List<Path>> files();

    /** {@code SOURCES_REPLAY_RATE}: posts per second; 0 publishes as fast as Kinesis accepts. Default 0. */
    @WithDefault("0")
    int rate();

    /**
     * {@code SOURCES_REPLAY_FORMAT}: what the lines are: {@code posts} (this service's schema, as the
     * lake stores it), {@code twarc} (twarc2 JSONL: X API v2 pages, or flattened tweets),
     * {@code jetstream} (Jetstream events) or {@code mastodon} (status objects or arrays of them).
     * Default posts.
     */
    @WithDefault("posts")
    String format();

    /** {@code SOURCES_REPLAY_PAGE_SIZE}: posts handed to the publisher at once. Default 500. */
    @WithDefault("500")
    int pageSize();
}
