package io.socialpulse.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of the platform sources' settings: credentials and what to follow for each enabled
 * platform, and the platforms' own limits (query length, hashtags per account, versions), so a
 * setting the platform would refuse stops startup instead of failing at the first poll.
 */
final class SourceChecks {

    private SourceChecks() {
    }

    static void check(ConfigCheck check, SourcesConfig sources, LakeConfig lake, RolesConfig roles) {
        if (sources.enabled().stream().noneMatch(SourcesConfig.PLATFORM_CONNECTORS::contains)
                || !roles.runs(Role.SOURCES)) {
            return;
        }
        if (!Set.of("s3", "file").contains(sources.cursors())) {
            check.problem("sources.cursors", "must be s3 or file, was " + sources.cursors());
        } else if ("s3".equals(sources.cursors())) {
            check.required("lake.bucket", lake.bucket());
        }
        check.atLeast("sources.max-response-bytes", sources.maxResponseBytes(), 64 * 1024);
        check.positive("sources.timeout", sources.timeout());
        check.positive("sources.park", sources.park());
        check.between("sources.recent-ids", sources.recentIds(), 100, 10_000_000);
        openPlatforms(check, sources);
        if (sources.enabled().contains("x")) {
            XConfig x = sources.x();
            check.required("sources.x.bearer-token", x.bearerToken());
            List<String> queries = list(check, "sources.x.queries", x.queries());
            for (String query : queries) {
                if (query.length() > 512) {
                    check.problem("sources.x.queries", "has a query of " + query.length()
                            + " characters; X allows 512: " + query.substring(0, 40) + "...");
                }
            }
            check.between("sources.x.max-results", x.maxResults(), 10, 100);
            if (!List.of("keep", "drop").contains(x.reposts().strip().toLowerCase(Locale.ROOT))) {
                check.problem("sources.x.reposts", "must be keep or drop, was '" + x.reposts() + "'");
            }
            url(check, "sources.x.base-url", x.baseUrl());
            check.positive("sources.x.interval", x.interval());
            check.positive("sources.x.backfill", x.backfill());
            if (x.backfill().compareTo(Duration.ofDays(7)) > 0) {
                check.problem("sources.x.backfill", "must be at most 7 days (recent search covers 7 days), was "
                        + x.backfill());
            }
        }
        if (sources.enabled().contains("facebook")) {
            FacebookConfig facebook = sources.facebook();
            check.required("sources.facebook.access-token", facebook.accessToken());
            list(check, "sources.facebook.pages", facebook.pages());
            graphVersion(check, "sources.facebook.graph-version", facebook.graphVersion());
            url(check, "sources.facebook.base-url", facebook.baseUrl());
            check.positive("sources.facebook.interval", facebook.interval());
            check.positive("sources.facebook.backfill", facebook.backfill());
            if (facebook.commentsWindow().isNegative()) {
                check.problem("sources.facebook.comments-window", "must be 0s (comments with their post only) or more,"
                        + " was " + facebook.commentsWindow());
            }
        }
        if (sources.enabled().contains("instagram")) {
            InstagramConfig instagram = sources.instagram();
            check.required("sources.instagram.access-token", instagram.accessToken());
            check.required("sources.instagram.user-id", instagram.userId());
            List<String> hashtags = list(check, "sources.instagram.hashtags", instagram.hashtags());
            long unique = hashtags.stream().map(t -> t.replaceFirst("^#", "").toLowerCase(Locale.ROOT)).distinct()
                    .count();
            if (unique > 30) {
                check.problem("sources.instagram.hashtags", "names " + unique + " hashtags; Instagram lets one account "
                        + "search at most 30 unique hashtags in 7 days, so the rest would fail");
            }
            graphVersion(check, "sources.instagram.graph-version", instagram.graphVersion());
            url(check, "sources.instagram.base-url", instagram.baseUrl());
            check.between("sources.instagram.max-pages", instagram.maxPages(), 1, 100);
            check.positive("sources.instagram.interval", instagram.interval());
        }
        if (sources.enabled().contains("linkedin")) {
            LinkedinConfig linkedin = sources.linkedin();
            check.required("sources.linkedin.access-token", linkedin.accessToken());
            for (String organization : list(check, "sources.linkedin.organizations", linkedin.organizations())) {
                if (!organization.matches("\\d+")) {
                    check.problem("sources.linkedin.organizations", "must be numeric organization ids, was '"
                            + organization + "'");
                }
            }
            if (!linkedin.version().matches("20\\d{2}(0[1-9]|1[0-2])")) {
                check.problem("sources.linkedin.version", "must be a YYYYMM version such as 202601, was '"
                        + linkedin.version() + "'");
            }
            url(check, "sources.linkedin.base-url", linkedin.baseUrl());
            check.between("sources.linkedin.page-size", linkedin.pageSize(), 1, 100);
            check.positive("sources.linkedin.interval", linkedin.interval());
            check.positive("sources.linkedin.backfill", linkedin.backfill());
        }
    }

    private static void openPlatforms(ConfigCheck check, SourcesConfig sources) {
        if (sources.enabled().contains("mastodon")) {
            MastodonConfig mastodon = sources.mastodon();
            for (String instance : list(check, "sources.mastodon.instances", mastodon.instances())) {
                url(check, "sources.mastodon.instances",
                        instance.contains("://") ? instance.replaceAll("/+$", "") : "https://" + instance);
            }
            list(check, "sources.mastodon.hashtags", mastodon.hashtags());
            check.between("sources.mastodon.page-size", mastodon.pageSize(), 1, 40);
            check.positive("sources.mastodon.interval", mastodon.interval());
            lookback(check, "sources.mastodon.lookback", mastodon.lookback());
        }
        if (sources.enabled().contains("reddit")) {
            RedditConfig reddit = sources.reddit();
            check.required("sources.reddit.client-id", reddit.clientId());
            check.required("sources.reddit.client-secret", reddit.clientSecret());
            list(check, "sources.reddit.queries", reddit.queries());
            String agent = reddit.userAgent().orElse("");
            // Reddit throttles generic agents hard and asks for this form.
            if (!agent.matches("[^:\\s]+:[^:\\s]+:[^:\\s]+ \\(by /u/[A-Za-z0-9_-]+\\)")) {
                check.problem("sources.reddit.user-agent",
                        "must look like 'linux:com.example.pulse:v1.0 (by /u/yourname)', was '"
                                + agent + "'");
            }
            url(check, "sources.reddit.auth-url", reddit.authUrl());
            url(check, "sources.reddit.base-url", reddit.baseUrl());
            check.positive("sources.reddit.interval", reddit.interval());
        }
        if (sources.enabled().contains("youtube")) {
            YoutubeConfig youtube = sources.youtube();
            check.required("sources.youtube.api-key", youtube.apiKey());
            if (youtube.videos().orElse(List.of()).isEmpty() && youtube.channels().orElse(List.of()).isEmpty()
                    && youtube.queries().orElse(List.of()).isEmpty()) {
                check.problem("sources.youtube.videos",
                        "(or SOURCES_YOUTUBE_CHANNELS or SOURCES_YOUTUBE_QUERIES) is required"
                                + " when youtube is in SOURCES_ENABLED");
            }
            long searches = youtube.queries().orElse(List.of()).size()
                    * (86_400 / Math.max(1, youtube.searchInterval().toSeconds()));
            if (searches > youtube.dailySearches()) {
                check.problem("sources.youtube.search-interval", "makes " + searches + " searches a day for "
                        + youtube.queries().get().size() + " queries; YouTube allows " + youtube.dailySearches());
            }
            check.positive("sources.youtube.comments-interval", youtube.commentsInterval());
            url(check, "sources.youtube.base-url", youtube.baseUrl());
        }
        if (sources.enabled().contains("bluesky")) {
            BlueskyConfig bluesky = sources.bluesky();
            check.required("sources.bluesky.identifier", bluesky.identifier());
            check.required("sources.bluesky.app-password", bluesky.appPassword());
            list(check, "sources.bluesky.queries", bluesky.queries());
            url(check, "sources.bluesky.service", bluesky.service());
            check.positive("sources.bluesky.interval", bluesky.interval());
            lookback(check, "sources.bluesky.lookback", bluesky.lookback());
        }
        if (sources.enabled().contains("jetstream")) {
            String url = sources.jetstream().url();
            if (!url.matches("wss?://[^/\\s]+(:\\d+)?")) {
                check.problem("sources.jetstream.url", "must be ws:// or wss:// and a host, was '" + url + "'");
            }
            check.between("sources.jetstream.buffer", sources.jetstream().buffer(), 100, 1_000_000);
            check.positive("sources.jetstream.idle-timeout", sources.jetstream().idleTimeout());
        }
        if (sources.enabled().contains("hackernews")) {
            HackernewsConfig hackernews = sources.hackernews();
            list(check, "sources.hackernews.queries", hackernews.queries());
            url(check, "sources.hackernews.base-url", hackernews.baseUrl());
            check.positive("sources.hackernews.interval", hackernews.interval());
            check.positive("sources.hackernews.backfill", hackernews.backfill());
        }
    }

    private static List<String> list(ConfigCheck check, String property, Optional<List<String>> values) {
        List<String> present = values.orElse(List.of()).stream().map(String::trim).filter(v -> !v.isEmpty())
                .toList();
        if (present.isEmpty()) {
            check.problem(property, "is required when its platform is in SOURCES_ENABLED");
        }
        return present;
    }

    private static void graphVersion(ConfigCheck check, String property, String value) {
        if (!value.matches("v\\d+\\.\\d+")) {
            check.problem(property, "must look like v25.0, was '" + value + "'");
        }
    }

    private static void url(ConfigCheck check, String property, String value) {
        try {
            URI uri = new URI(value);
            if (!Set.of("http", "https").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null
                    || value.endsWith("/")) {
                check.problem(property, "must be an http(s) URL without a trailing slash, was '" + value + "'");
            }
        } catch (URISyntaxException e) {
            check.problem(property, "must be an http(s) URL, was '" + value + "'");
        }
    }

    /** A look-back is 0s (none) up to a day: the ids read again are kept in the cursor that long. */
    private static void lookback(ConfigCheck check, String property, Duration value) {
        if (value.isNegative() || value.compareTo(Duration.ofDays(1)) > 0) {
            check.problem(property, "must be between 0s and 24h, was " + value);
        }
    }
}
