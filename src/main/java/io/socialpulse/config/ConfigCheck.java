package io.socialpulse.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the settings that the mapping alone cannot: required values, ranges and combinations.
 * Every problem names the environment variable a user sets, since that is all they see on Fargate.
 */
public final class ConfigCheck {

    static final Set<String> SOURCES = Set.of("demo", "replay", "x", "facebook", "instagram", "linkedin",
            "mastodon", "hackernews", "reddit", "youtube", "bluesky", "jetstream", "none");
    static final Set<String> PLATFORMS = Set.of("x", "facebook", "instagram", "linkedin", "mastodon", "hackernews",
            "reddit", "youtube", "bluesky", "jetstream");
    static final Set<String> ROLES = Set.of("sources", "lake", "trends");

    private final List<String> problems = new ArrayList<>();

    /** The environment variable that sets a property: {@code lake.roll-age} is {@code LAKE_ROLL_AGE}. */
    public static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    public static List<String> problems(KinesisConfig kinesis, LakeConfig lake, SourcesConfig sources,
            TrendsConfig trends, RolesConfig roles) {
        ConfigCheck check = new ConfigCheck();
        check.required("kinesis.stream", kinesis.stream());
        check.atLeast("kinesis.publisher.buffer-records", kinesis.publisher().bufferRecords(), 500);
        check.atLeast("kinesis.publisher.buffer-bytes", kinesis.publisher().bufferBytes(), 1 << 20);
        check.between("kinesis.publisher.max-in-flight", kinesis.publisher().maxInFlight(), 1, 64);
        check.positive("kinesis.publisher.linger", kinesis.publisher().linger());
        check.positive("kinesis.reader.poll-interval", kinesis.reader().pollInterval());
        check.between("kinesis.reader.max-records", kinesis.reader().maxRecords(), 1, 10_000);
        if (roles.runs("lake")) {
            check.required("lake.bucket", lake.bucket());
        }
        check.atLeast("lake.roll-bytes", lake.rollBytes(), 1024);
        check.positive("lake.roll-age", lake.rollAge());
        for (String source : sources.enabled()) {
            if (!SOURCES.contains(source)) {
                check.problem("sources.enabled", "unknown source '" + source + "', expected any of " + SOURCES);
            }
        }
        if (sources.enabled().contains("replay") && sources.replay().files().map(List::isEmpty).orElse(true)) {
            check.problem("sources.replay.files", "is required when the replay source is enabled");
        }
        check.platforms(sources, lake, roles);
        check.between("sources.demo.rate", sources.demo().rate(), 1, 100_000);
        check.atLeast("sources.replay.rate", sources.replay().rate(), 0);
        check.between("sources.replay.page-size", sources.replay().pageSize(), 1, 10_000);
        if (!io.socialpulse.source.replay.Archives.FORMATS.contains(sources.replay().format())) {
            check.problem("sources.replay.format", "must be one of " + io.socialpulse.source.replay.Archives.FORMATS
                    + ", was '" + sources.replay().format() + "'");
        }
        check.positive("trends.window", trends.window());
        check.positive("trends.bucket", trends.bucket());
        check.positive("trends.tick", trends.tick());
        check.positive("trends.ping", trends.ping());
        if (trends.bucket().compareTo(java.time.Duration.ofMinutes(1)) > 0
                || 60_000 % Math.max(1, trends.bucket().toMillis()) != 0) {
            check.problem("trends.bucket", "must divide one minute, was " + trends.bucket());
        }
        if (io.socialpulse.trends.Windows.name(trends.window()) == null) {
            check.problem("trends.window", "must be one of 1m, 5m, 15m, 1h, was " + trends.window());
        }
        check.atLeast("trends.sentiment-max-rate", trends.sentimentMaxRate(), 0);
        check.atLeast("trends.max-subscribers", trends.maxSubscribers(), 1);
        check.between("trends.top", trends.top(), 1, 1000);
        if (Integer.bitCount(trends.sketchSize()) != 1 || trends.sketchSize() < 8) {
            check.problem("trends.sketch-size", "must be a power of two of at least 8, was " + trends.sketchSize());
        }
        for (String role : roles.roles()) {
            if (!ROLES.contains(role)) {
                check.problem("service.roles", "unknown role '" + role + "', expected any of " + ROLES);
            }
        }
        return check.problems;
    }

    private void platforms(SourcesConfig sources, LakeConfig lake, RolesConfig roles) {
        if (sources.enabled().stream().noneMatch(PLATFORMS::contains) || !roles.runs("sources")) {
            return;
        }
        if (!Set.of("s3", "file").contains(sources.cursors())) {
            problem("sources.cursors", "must be s3 or file, was " + sources.cursors());
        } else if ("s3".equals(sources.cursors())) {
            required("lake.bucket", lake.bucket());
        }
        atLeast("sources.max-response-bytes", sources.maxResponseBytes(), 64 * 1024);
        positive("sources.timeout", sources.timeout());
        positive("sources.park", sources.park());
        between("sources.recent-ids", sources.recentIds(), 100, 10_000_000);
        openPlatforms(sources);
        if (sources.enabled().contains("x")) {
            SourcesConfig.X x = sources.x();
            required("sources.x.bearer-token", x.bearerToken());
            List<String> queries = list("sources.x.queries", x.queries());
            for (String query : queries) {
                if (query.length() > 512) {
                    problem("sources.x.queries", "has a query of " + query.length()
                            + " characters; X allows 512: " + query.substring(0, 40) + "...");
                }
            }
            between("sources.x.max-results", x.maxResults(), 10, 100);
            url("sources.x.base-url", x.baseUrl());
            positive("sources.x.interval", x.interval());
            positive("sources.x.backfill", x.backfill());
            if (x.backfill().compareTo(Duration.ofDays(7)) > 0) {
                problem("sources.x.backfill", "must be at most 7 days (recent search covers 7 days), was "
                        + x.backfill());
            }
        }
        if (sources.enabled().contains("facebook")) {
            SourcesConfig.Facebook facebook = sources.facebook();
            required("sources.facebook.access-token", facebook.accessToken());
            list("sources.facebook.pages", facebook.pages());
            graphVersion("sources.facebook.graph-version", facebook.graphVersion());
            url("sources.facebook.base-url", facebook.baseUrl());
            positive("sources.facebook.interval", facebook.interval());
            positive("sources.facebook.backfill", facebook.backfill());
        }
        if (sources.enabled().contains("instagram")) {
            SourcesConfig.Instagram instagram = sources.instagram();
            required("sources.instagram.access-token", instagram.accessToken());
            required("sources.instagram.user-id", instagram.userId());
            List<String> hashtags = list("sources.instagram.hashtags", instagram.hashtags());
            long unique = hashtags.stream().map(t -> t.replaceFirst("^#", "").toLowerCase(Locale.ROOT)).distinct()
                    .count();
            if (unique > 30) {
                problem("sources.instagram.hashtags", "names " + unique + " hashtags; Instagram lets one account "
                        + "search at most 30 unique hashtags in 7 days, so the rest would fail");
            }
            graphVersion("sources.instagram.graph-version", instagram.graphVersion());
            url("sources.instagram.base-url", instagram.baseUrl());
            between("sources.instagram.max-pages", instagram.maxPages(), 1, 100);
            positive("sources.instagram.interval", instagram.interval());
        }
        if (sources.enabled().contains("linkedin")) {
            SourcesConfig.Linkedin linkedin = sources.linkedin();
            required("sources.linkedin.access-token", linkedin.accessToken());
            for (String organization : list("sources.linkedin.organizations", linkedin.organizations())) {
                if (!organization.matches("\\d+")) {
                    problem("sources.linkedin.organizations", "must be numeric organization ids, was '"
                            + organization + "'");
                }
            }
            if (!linkedin.version().matches("20\\d{2}(0[1-9]|1[0-2])")) {
                problem("sources.linkedin.version", "must be a YYYYMM version such as 202601, was '"
                        + linkedin.version() + "'");
            }
            url("sources.linkedin.base-url", linkedin.baseUrl());
            between("sources.linkedin.page-size", linkedin.pageSize(), 1, 100);
            positive("sources.linkedin.interval", linkedin.interval());
            positive("sources.linkedin.backfill", linkedin.backfill());
        }
    }

    private void openPlatforms(SourcesConfig sources) {
        if (sources.enabled().contains("mastodon")) {
            SourcesConfig.Mastodon mastodon = sources.mastodon();
            for (String instance : list("sources.mastodon.instances", mastodon.instances())) {
                url("sources.mastodon.instances",
                        instance.contains("://") ? instance.replaceAll("/+$", "") : "https://" + instance);
            }
            list("sources.mastodon.hashtags", mastodon.hashtags());
            between("sources.mastodon.page-size", mastodon.pageSize(), 1, 40);
            positive("sources.mastodon.interval", mastodon.interval());
        }
        if (sources.enabled().contains("reddit")) {
            SourcesConfig.Reddit reddit = sources.reddit();
            required("sources.reddit.client-id", reddit.clientId());
            required("sources.reddit.client-secret", reddit.clientSecret());
            list("sources.reddit.queries", reddit.queries());
            String agent = reddit.userAgent().orElse("");
            // Reddit throttles generic agents hard and asks for this form.
            if (!agent.matches("[^:\\s]+:[^:\\s]+:[^:\\s]+ \\(by /u/[A-Za-z0-9_-]+\\)")) {
                problem("sources.reddit.user-agent",
                        "must look like 'linux:com.example.pulse:v1.0 (by /u/yourname)', was '"
                                + agent + "'");
            }
            url("sources.reddit.auth-url", reddit.authUrl());
            url("sources.reddit.base-url", reddit.baseUrl());
            positive("sources.reddit.interval", reddit.interval());
        }
        if (sources.enabled().contains("youtube")) {
            SourcesConfig.Youtube youtube = sources.youtube();
            required("sources.youtube.api-key", youtube.apiKey());
            if (youtube.videos().orElse(List.of()).isEmpty() && youtube.channels().orElse(List.of()).isEmpty()
                    && youtube.queries().orElse(List.of()).isEmpty()) {
                problem("sources.youtube.videos", "(or SOURCES_YOUTUBE_CHANNELS or SOURCES_YOUTUBE_QUERIES) is required"
                        + " when youtube is in SOURCES_ENABLED");
            }
            long searches = youtube.queries().orElse(List.of()).size()
                    * (86_400 / Math.max(1, youtube.searchInterval().toSeconds()));
            if (searches > youtube.dailySearches()) {
                problem("sources.youtube.search-interval", "makes " + searches + " searches a day for "
                        + youtube.queries().get().size() + " queries; YouTube allows " + youtube.dailySearches());
            }
            positive("sources.youtube.comments-interval", youtube.commentsInterval());
            url("sources.youtube.base-url", youtube.baseUrl());
        }
        if (sources.enabled().contains("bluesky")) {
            SourcesConfig.Bluesky bluesky = sources.bluesky();
            required("sources.bluesky.identifier", bluesky.identifier());
            required("sources.bluesky.app-password", bluesky.appPassword());
            list("sources.bluesky.queries", bluesky.queries());
            url("sources.bluesky.service", bluesky.service());
            positive("sources.bluesky.interval", bluesky.interval());
        }
        if (sources.enabled().contains("jetstream")) {
            String url = sources.jetstream().url();
            if (!url.matches("wss?://[^/\\s]+(:\\d+)?")) {
                problem("sources.jetstream.url", "must be ws:// or wss:// and a host, was '" + url + "'");
            }
            between("sources.jetstream.buffer", sources.jetstream().buffer(), 100, 1_000_000);
        }
        if (sources.enabled().contains("hackernews")) {
            SourcesConfig.Hackernews hackernews = sources.hackernews();
            list("sources.hackernews.queries", hackernews.queries());
            url("sources.hackernews.base-url", hackernews.baseUrl());
            positive("sources.hackernews.interval", hackernews.interval());
            positive("sources.hackernews.backfill", hackernews.backfill());
        }
    }

    private List<String> list(String property, Optional<List<String>> values) {
        List<String> present = values.orElse(List.of()).stream().map(String::trim).filter(v -> !v.isEmpty())
                .toList();
        if (present.isEmpty()) {
            problem(property, "is required when its platform is in SOURCES_ENABLED");
        }
        return present;
    }

    private void graphVersion(String property, String value) {
        if (!value.matches("v\\d+\\.\\d+")) {
            problem(property, "must look like v25.0, was '" + value + "'");
        }
    }

    private void url(String property, String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            if (!Set.of("http", "https").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null
                    || value.endsWith("/")) {
                problem(property, "must be an http(s) URL without a trailing slash, was '" + value + "'");
            }
        } catch (java.net.URISyntaxException e) {
            problem(property, "must be an http(s) URL, was '" + value + "'");
        }
    }

    private void required(String property, Optional<String> value) {
        if (value.map(String::isBlank).orElse(true)) {
            problem(property, "is required");
        }
    }

    private void atLeast(String property, long value, long min) {
        if (value < min) {
            problem(property, "must be at least " + min + ", was " + value);
        }
    }

    private void between(String property, long value, long min, long max) {
        if (value < min || value > max) {
            problem(property, "must be between " + min + " and " + max + ", was " + value);
        }
    }

    private void positive(String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problem(property, "must be a positive duration, was " + value);
        }
    }

    private void problem(String property, String text) {
        problems.add(envName(property) + " " + text);
    }
}
