package io.socialpulse.source;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.socialpulse.config.LakeConfig;
import io.socialpulse.config.SourcesConfig;
import io.socialpulse.lake.LakeStore;
import io.socialpulse.source.demo.DemoSource;
import io.socialpulse.source.facebook.FacebookSource;
import io.socialpulse.source.instagram.InstagramHashtags;
import io.socialpulse.source.instagram.InstagramSource;
import io.socialpulse.source.linkedin.LinkedinSource;
import io.socialpulse.source.platform.CursorStore;
import io.socialpulse.source.platform.FileCursorStore;
import io.socialpulse.source.platform.PlatformContext;
import io.socialpulse.source.platform.PlatformHttp;
import io.socialpulse.source.platform.RateGovernor;
import io.socialpulse.source.platform.S3CursorStore;
import io.socialpulse.source.platform.Secrets;
import io.socialpulse.source.replay.ReplaySource;
import io.socialpulse.source.x.XSource;
import io.socialpulse.stream.DeadLetterSink;

/** Builds the sources named in {@code SOURCES_ENABLED}: one per configured query, page, hashtag or organization. */
@Singleton
public class SourceFactory {

    private final SourcesConfig config;
    private final LakeConfig lake;
    private final LakeStore store;
    private final DeadLetterSink quarantine;

    SourceFactory(SourcesConfig config, LakeConfig lake, LakeStore store, DeadLetterSink quarantine) {
        this.config = config;
        this.lake = lake;
        this.store = store;
        this.quarantine = quarantine;
    }

    List<Source> create() {
        config.x().bearerToken().ifPresent(Secrets::register);
        config.facebook().accessToken().ifPresent(Secrets::register);
        config.facebook().appSecret().ifPresent(Secrets::register);
        config.instagram().accessToken().ifPresent(Secrets::register);
        config.linkedin().accessToken().ifPresent(Secrets::register);
        config.reddit().clientSecret().ifPresent(Secrets::register);
        config.youtube().apiKey().ifPresent(Secrets::register);
        config.bluesky().appPassword().ifPresent(Secrets::register);
        List<Source> sources = new ArrayList<>();
        PlatformContext platforms = null;
        for (String name : config.enabled()) {
            if (platforms == null && !List.of("demo", "replay", "none").contains(name)) {
                platforms = context();
            }
            switch (name) {
                case "demo" -> sources.add(new DemoSource(config.demo()));
                case "replay" -> sources.add(new ReplaySource(config.replay()));
                case "x" -> {
                    for (String query : config.x().queries().orElse(List.of())) {
                        sources.add(new XSource(platforms, config.x(), query));
                    }
                }
                case "facebook" -> {
                    for (String page : config.facebook().pages().orElse(List.of())) {
                        sources.add(new FacebookSource(platforms, config.facebook(), page));
                    }
                }
                case "instagram" -> {
                    InstagramHashtags hashtags = new InstagramHashtags(platforms, config.instagram());
                    for (String hashtag : config.instagram().hashtags().orElse(List.of())) {
                        sources.add(new InstagramSource(platforms, config.instagram(), hashtags, hashtag));
                    }
                }
                case "linkedin" -> {
                    for (String organization : config.linkedin().organizations().orElse(List.of())) {
                        sources.add(new LinkedinSource(platforms, config.linkedin(), organization));
                    }
                }
                case "mastodon" -> {
                    // One status reached through two instances is collected once.
                    io.socialpulse.source.platform.RecentIds uris = new io.socialpulse.source.platform.RecentIds(
                            config.recentIds());
                    // A poll is at least two requests with a look-back: the read forward and the sweep back.
                    long perPoll = config.mastodon().lookback().isZero() ? 1 : 2;
                    long perQuarter = config.mastodon().hashtags().orElse(List.of()).size() * perPoll
                            * (900 / Math.max(1, config.mastodon().interval().toSeconds()));
                    if (perQuarter > 300) {
                        // Default instances allow 300 paging requests per 15 minutes per address; some allow more.
                        Log.warnf("SOURCES_MASTODON_INTERVAL %s with %d hashtags makes at least %d requests per 15"
                                + " minutes per instance (a look-back sweep included); default instances allow 300, so"
                                + " expect waits for their rate window",
                                config.mastodon().interval(), config.mastodon().hashtags().get().size(), perQuarter);
                    }
                    for (String instance : config.mastodon().instances().orElse(List.of())) {
                        for (String hashtag : config.mastodon().hashtags().orElse(List.of())) {
                            sources.add(new io.socialpulse.source.mastodon.MastodonSource(platforms, config.mastodon(),
                                    instance, hashtag, uris));
                        }
                    }
                }
                case "reddit" -> {
                    io.socialpulse.source.reddit.RedditToken token = new io.socialpulse.source.reddit.RedditToken(
                            platforms, config.reddit());
                    for (String query : config.reddit().queries().orElse(List.of())) {
                        sources.add(new io.socialpulse.source.reddit.RedditSource(platforms, config.reddit(), token,
                                query));
                    }
                }
                case "youtube" -> {
                    var yt = config.youtube();
                    var quota = new io.socialpulse.source.youtube.YoutubeQuota(Clock.systemUTC(), yt.dailyUnits(),
                            yt.dailySearches());
                    var kinds = io.socialpulse.source.youtube.YoutubeSource.Follows.values();
                    List<List<String>> targets = List.of(yt.videos().orElse(List.of()), yt.channels().orElse(List.of()),
                            yt.queries().orElse(List.of()));
                    for (int k = 0; k < kinds.length; k++) {
                        for (String target : targets.get(k)) {
                            sources.add(new io.socialpulse.source.youtube.YoutubeSource(platforms, yt, quota, kinds[k],
                                    target));
                        }
                    }
                }
                case "bluesky" -> {
                    var session = new io.socialpulse.source.bluesky.BlueskySession(platforms, config.bluesky());
                    for (String query : config.bluesky().queries().orElse(List.of())) {
                        sources.add(
                                new io.socialpulse.source.bluesky.BlueskySource(platforms, config.bluesky(), session,
                                        query));
                    }
                }
                case "jetstream" -> sources.add(new io.socialpulse.source.bluesky.JetstreamSource(platforms,
                        config.jetstream()));
                case "hackernews" -> {
                    for (String query : config.hackernews().queries().orElse(List.of())) {
                        sources.add(new io.socialpulse.source.hackernews.HackernewsSource(platforms,
                                config.hackernews(), query));
                    }
                }
                case "none" -> {
                }
                default -> throw new IllegalArgumentException("SOURCES_ENABLED names an unknown source: " + name);
            }
        }
        if (platforms != null) {
            Log.infof("platform sources keep their cursors in %s", platforms.cursors().describe());
        }
        return sources;
    }

    private PlatformContext context() {
        CursorStore cursors = "file".equals(config.cursors())
                ? new FileCursorStore(config.cursorsDir())
                : new S3CursorStore(store, lake.prefix());
        return new PlatformContext(new PlatformHttp(config.timeout(), config.maxResponseBytes()),
                new RateGovernor(Clock.systemUTC(), config.park()), cursors, quarantine, config.recentIds());
    }
}
