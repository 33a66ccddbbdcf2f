package io.socialpulse.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which sources run and how ({@code SOURCES_*}): the built-in ones and the platform connectors. */
@ConfigMapping(prefix = "sources")
public interface SourcesConfig {

    /** Every connector's name, as {@code SOURCES_ENABLED} gives it (each a {@code Connector} bean). */
    List<String> CONNECTORS = List.of("demo", "replay", "x", "facebook", "instagram", "linkedin", "mastodon",
            "reddit", "youtube", "bluesky", "jetstream", "hackernews");

    /** The connectors that call a platform, with cursors, rate limits and credentials. */
    List<String> PLATFORM_CONNECTORS = CONNECTORS.stream().filter(c -> !c.equals("demo") && !c.equals("replay"))
            .toList();

    /**
     * {@code SOURCES_ENABLED}: comma-separated connectors to run (any of {@link #CONNECTORS}), or
     * {@code none}. Default {@code demo}.
     */
    @WithDefault("demo")
    List<String> enabled();

    /** {@code SOURCES_JITTER}: random delay added before each poll so sources do not fire together. Default 250ms. */
    @WithDefault("250ms")
    Duration jitter();

    /** {@code SOURCES_CURSORS}: where platform sources keep cursors: {@code s3} (the lake bucket) or {@code file}. Default s3. */
    @WithDefault("s3")
    String cursors();

    /** {@code SOURCES_CURSORS_DIR}: the directory for {@code SOURCES_CURSORS=file}. Default {@code cursors}. */
    @WithDefault("cursors")
    Path cursorsDir();

    /** {@code SOURCES_MAX_RESPONSE_BYTES}: a platform answer larger than this is refused. Default 16 MiB. */
    @WithDefault("16777216")
    int maxResponseBytes();

    /** {@code SOURCES_TIMEOUT}: connect and answer timeout of a platform request. Default 30s. */
    @WithDefault("30s")
    Duration timeout();

    /** {@code SOURCES_PARK}: how long a source waits after a used-up quota when the platform gives no time. Default 1h. */
    @WithDefault("1h")
    Duration park();

    /** {@code SOURCES_RECENT_IDS}: post ids each source remembers to drop duplicates across pages. Default 10000. */
    @WithDefault("10000")
    int recentIds();

    /** X API v2 recent search ({@code SOURCES_X_*}). */
    XConfig x();

    /** Facebook Graph page feeds ({@code SOURCES_FACEBOOK_*}). */
    FacebookConfig facebook();

    /** Instagram Graph hashtag search ({@code SOURCES_INSTAGRAM_*}). */
    InstagramConfig instagram();

    /** LinkedIn organization posts ({@code SOURCES_LINKEDIN_*}). */
    LinkedinConfig linkedin();

    /** Mastodon hashtag timelines ({@code SOURCES_MASTODON_*}). */
    MastodonConfig mastodon();

    /** Reddit search with an approved app's credentials ({@code SOURCES_REDDIT_*}). */
    RedditConfig reddit();

    /** YouTube Data API v3 comments and search ({@code SOURCES_YOUTUBE_*}). */
    YoutubeConfig youtube();

    /** Bluesky post search through the account's host ({@code SOURCES_BLUESKY_*}). */
    BlueskyConfig bluesky();

    /** The Bluesky Jetstream firehose ({@code SOURCES_JETSTREAM_*}). */
    JetstreamConfig jetstream();

    /** Hacker News search through Algolia ({@code SOURCES_HACKERNEWS_*}). */
    HackernewsConfig hackernews();

    /** The synthetic source ({@code SOURCES_DEMO_*}). */
    DemoConfig demo();

    /** The NDJSON file source ({@code SOURCES_REPLAY_*}). */
    ReplayConfig replay();
}
