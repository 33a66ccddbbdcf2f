package io.socialpulse.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
    X x();

    /** Facebook Graph page feeds ({@code SOURCES_FACEBOOK_*}). */
    Facebook facebook();

    /** Instagram Graph hashtag search ({@code SOURCES_INSTAGRAM_*}). */
    Instagram instagram();

    /** LinkedIn organization posts ({@code SOURCES_LINKEDIN_*}). */
    Linkedin linkedin();

    /** Mastodon hashtag timelines ({@code SOURCES_MASTODON_*}). */
    Mastodon mastodon();

    /** Reddit search with an approved app's credentials ({@code SOURCES_REDDIT_*}). */
    Reddit reddit();

    /** YouTube Data API v3 comments and search ({@code SOURCES_YOUTUBE_*}). */
    Youtube youtube();

    /** Bluesky post search through the account's host ({@code SOURCES_BLUESKY_*}). */
    Bluesky bluesky();

    /** The Bluesky Jetstream firehose ({@code SOURCES_JETSTREAM_*}). */
    Jetstream jetstream();

    /** Hacker News search through Algolia ({@code SOURCES_HACKERNEWS_*}). */
    Hackernews hackernews();

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

    interface X {
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

    interface Facebook {
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

    interface Instagram {
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

    interface Linkedin {
        /** {@code SOURCES_LINKEDIN_ACCESS_TOKEN}: a 3-legged member token with r_organization_social. */
        Optional<String> accessToken();

        /** {@code SOURCES_LINKEDIN_ORGANIZATIONS}: comma-separated organization ids the member administers. */
        Optional<List<String>> organizations();

        /** {@code SOURCES_LINKEDIN_INTERVAL}: time between polls of one organization. Default 15m. */
        @WithDefault("15m")
        Duration interval();

        /** {@code SOURCES_LINKEDIN_BASE_URL}: the API host. Default https://api.linkedin.com. */
        @WithDefault("https://api.linkedin.com")
        String baseUrl();

        /** {@code SOURCES_LINKEDIN_VERSION}: the {@code LinkedIn-Version} header, YYYYMM. Default 202601. */
        @WithDefault("202601")
        String version();

        /** {@code SOURCES_LINKEDIN_BACKFILL}: how far back the first poll of an organization reaches. Default 7d. */
        @WithDefault("168h")
        Duration backfill();

        /** {@code SOURCES_LINKEDIN_PAGE_SIZE}: posts per request. Default 50. */
        @WithDefault("50")
        int pageSize();
    }

    interface Mastodon {
        /** {@code SOURCES_MASTODON_INSTANCES}: comma-separated instances ({@code mastodon.social} or a full URL). */
        Optional<List<String>> instances();

        /** {@code SOURCES_MASTODON_HASHTAGS}: comma-separated hashtags, without {@code #}; one source per instance and tag. */
        Optional<List<String>> hashtags();

        /** {@code SOURCES_MASTODON_INTERVAL}: time between polls of one tag on one instance. Default 60s. */
        @WithDefault("60s")
        Duration interval();

        /** {@code SOURCES_MASTODON_PAGE_SIZE}: statuses per request (at most 40). Default 40. */
        @WithDefault("40")
        int pageSize();

        /**
         * {@code SOURCES_MASTODON_LOOKBACK}: how far back each run reads the tag again for statuses that
         * federated late (a remote status's id follows its creation time, not its arrival). Default 15m.
         */
        @WithDefault("15m")
        Duration lookback();
    }

    interface Hackernews {
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

    interface Reddit {
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

    interface Youtube {
        /** {@code SOURCES_YOUTUBE_API_KEY}: a Google Cloud API key with the YouTube Data API v3 enabled. */
        Optional<String> apiKey();

        /** {@code SOURCES_YOUTUBE_VIDEOS}: comma-separated video ids whose comment threads are collected. */
        Optional<List<String>> videos();

        /** {@code SOURCES_YOUTUBE_CHANNELS}: comma-separated channel ids whose comment threads (all videos) are collected. */
        Optional<List<String>> channels();

        /** {@code SOURCES_YOUTUBE_QUERIES}: comma-separated search queries for new videos (search.list: 100 calls a day). */
        Optional<List<String>> queries();

        /** {@code SOURCES_YOUTUBE_COMMENTS_INTERVAL}: time between polls of one video or channel. Default 5m. */
        @WithDefault("5m")
        Duration commentsInterval();

        /** {@code SOURCES_YOUTUBE_SEARCH_INTERVAL}: time between searches of one query. Default 30m. */
        @WithDefault("30m")
        Duration searchInterval();

        /** {@code SOURCES_YOUTUBE_DAILY_UNITS}: quota units a day for everything but search. Default 10000. */
        @WithDefault("10000")
        int dailyUnits();

        /** {@code SOURCES_YOUTUBE_DAILY_SEARCHES}: search.list calls a day. Default 100. */
        @WithDefault("100")
        int dailySearches();

        /** {@code SOURCES_YOUTUBE_BASE_URL}: the API host. Default https://www.googleapis.com. */
        @WithDefault("https://www.googleapis.com")
        String baseUrl();

        /**
         * {@code SOURCES_YOUTUBE_VIDEO_DETAILS}: after each page of search results, read the videos with
         * {@code videos.list} (1 unit per 50 videos) for their whole description, tags and statistics,
         * which search cuts or leaves out. Default false.
         */
        @WithDefault("false")
        boolean videoDetails();
    }

    interface Bluesky {
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

    interface Jetstream {
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
}
