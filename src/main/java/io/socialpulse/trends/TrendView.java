package io.socialpulse.trends;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.socialpulse.config.TrendsConfig;
import io.socialpulse.post.Entities;
import io.socialpulse.post.Post;
import io.socialpulse.sentiment.Sentiment;

/**
 * What the trends role knows: every post counted once into the windows, the accounts that drew
 * engagement, the drivers of the tags that may trend, and, at each tick, the snapshot of every
 * scope and window with its rising and trending tags and the alerts raised. Broadcasting is
 * {@link TrendHub}'s.
 */
final class TrendView {

    /** Posts counted in the last hour: at most a million ids, about 50 MB (bin/bench-trends). */
    static final int COUNTED_IDS = 1_000_000;
    static final int MAX_PLATFORMS = 16;
    static final int PLATFORM_TABLE = 1 << 12;

    private final TrendsConfig config;
    private final List<String> watchlist;
    private final Windows windows;
    private final TrendScorer scorer;
    private final Alerts alerts;
    private final SentimentBudget budget;
    private final RecentPosts counted = new RecentPosts(COUNTED_IDS);
    private final TagDrivers drivers;
    private final int recentBuckets;
    private final int candidates;
    private volatile TrendScorer.Result lastTrends = new TrendScorer.Result(List.of(), List.of());
    /** Rising and trending per platform, each against its own baselines; at most {@link #MAX_PLATFORMS}. */
    private final Map<String, TrendScorer> platformScorers = new ConcurrentHashMap<>();
    private volatile Map<String, TrendScorer.Result> lastPlatformTrends = Map.of();

    TrendView(TrendsConfig config) {
        this.config = config;
        this.watchlist = config.watchlist().orElse(List.of()).stream().map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> Entities.normalize(t.startsWith("#") ? t.substring(1) : t)).toList();
        this.windows = new Windows(config.bucket(), config.sketchSize(), watchlist, config.influencersTop());
        this.scorer = TrendScorer.of(config);
        this.alerts = new Alerts(config.alertZ(), config.alertCooldown());
        this.budget = new SentimentBudget(config.sentimentMaxRate());
        this.recentBuckets = (int) Math.max(1,
                (config.rising().recent().toMillis() + config.bucket().toMillis() - 1) / config.bucket().toMillis());
        this.candidates = Math.max(50, 4 * config.top());
        // Room for the candidates of every platform and for tags that appear between two ticks.
        this.drivers = new TagDrivers(4 * candidates, config.examplePosts());
    }

    /**
     * Counts a post read from the stream. The same post again (two sources, Kinesis holding it
     * twice, a later poll) adds only the engagement it drew since it was last seen. A repost adds
     * one to its original's author, unless the original itself was counted: its own reposts count
     * then carries it.
     */
    void count(Post post, Instant now) {
        long engaged = Engagement.of(post);
        long more = counted.offer(post.id(), now, engaged);
        if (more == RecentPosts.FIRST) {
            // Counting never samples; sentiment computed here does when the load passes its budget (a
            // post scored where it was collected costs nothing).
            boolean score = post.sentiment() != null || budget.take(now);
            OptionalDouble compound = score ? Sentiment.compound(post) : OptionalDouble.empty();
            windows.add(post, now, compound, score, engaged);
            drivers.post(post, engaged);
            AccountKey original = post.isRepost() ? Engagement.account(post.platform(), post.repostOfAuthor()) : null;
            if (original != null && !counted.contains(post.repostOf(), now)) {
                windows.engaged(post.platform(), original, 1, now);
            }
        } else if (more > 0) {
            AccountKey account = Engagement.account(post.platform(), post.author());
            if (account != null) {
                windows.engaged(post.platform(), account, more, now);
            }
            drivers.engaged(post, more, engaged);
        }
    }

    /** The snapshot of a scope ("all" or a platform) and window, computed now. */
    TrendSnapshot snapshot(String scope, String window, Instant now, int limit) {
        TrendSnapshot snapshot = windows.snapshot(scope, window, now, limit);
        TrendScorer.Result trends = TrendWindow.ALL.equals(scope) ? lastTrends : lastPlatformTrends.get(scope);
        return withDrivers(trends == null
                ? snapshot
                : snapshot.withTrends(trends.rising(), trends.trending())
                        .limit(limit));
    }

    private TrendSnapshot withDrivers(TrendSnapshot snapshot) {
        return snapshot.withInfluencers(snapshot.influencers()
                .withDrivers(drivers.of(snapshot.movingTags(), snapshot.scope(), config.influencersTop())));
    }

    /** Scores the recent counts, then snapshots every scope and window: one tick's content. */
    HubEvent tick(Instant now, int subscribers) {
        Map<String, TrendScorer.Candidate> all = windows.fine().recent(now, recentBuckets, candidates);
        Set<String> tracked = new HashSet<>(all.keySet());
        Map<String, TrendScorer.Candidate> scored = new HashMap<>(all);
        TrendSnapshot recent = windows.fine().snapshot(TrendWindow.ALL, now, 1, recentBuckets);
        for (Watched watched : recent.watch()) {
            // Watched terms are judged against their own baseline too, whatever their rank.
            scored.putIfAbsent(watched.term(), new TrendScorer.Candidate(watched.count(), 0));
        }
        TrendScorer.Result trends = scorer.update(scored, now);
        lastTrends = trends;
        Map<String, TrendScorer.Result> platformTrends = new HashMap<>();
        for (String platform : recent.platforms().keySet()) {
            TrendScorer platformScorer = platformScorers.size() < MAX_PLATFORMS || platformScorers.containsKey(platform)
                    ? platformScorers.computeIfAbsent(platform, p -> TrendScorer.of(config, PLATFORM_TABLE))
                    : null;
            if (platformScorer != null) {
                Map<String, TrendScorer.Candidate> own = windows.fine().recent(platform, now, recentBuckets,
                        candidates);
                tracked.addAll(own.keySet());
                platformTrends.put(platform, platformScorer.update(new HashMap<>(own), now));
            }
        }
        lastPlatformTrends = platformTrends;
        trends.rising().forEach(r -> tracked.add(r.tag()));
        trends.trending().forEach(r -> tracked.add(r.tag()));
        drivers.retain(tracked);
        Map<String, TrendSnapshot> scopes = new LinkedHashMap<>();
        for (String window : TrendsConfig.WINDOWS.keySet()) {
            TrendSnapshot whole = windows.snapshot(TrendWindow.ALL, window, now, config.top())
                    .withTrends(trends.rising(), trends.trending()).limit(config.top());
            scopes.put(HubEvent.key(TrendWindow.ALL, window), withDrivers(whole));
            for (String platform : whole.platforms().keySet()) {
                TrendSnapshot scope = windows.snapshot(platform, window, now, config.top());
                TrendScorer.Result own = platformTrends.get(platform);
                scopes.put(HubEvent.key(platform, window), withDrivers(
                        own == null ? scope : scope.withTrends(own.rising(), own.trending()).limit(config.top())));
            }
        }
        List<Alert> raised = alerts.check(trends, watchlist, now);
        TrendSnapshot minute = scopes.get(HubEvent.key(TrendWindow.ALL, "1m"));
        long attempted = minute.sentiment().n() + minute.sentiment().unscored();
        StatsEvent stats = new StatsEvent(now, minute.postsPerSecond(), minute.platforms(), subscribers,
                budget.sampledShare(),
                attempted == 0 ? 0 : Math.round(minute.sentiment().unscored() * 1000.0 / attempted) / 1000.0);
        return new HubEvent(now.toEpochMilli(), scopes, raised, stats);
    }

    /** Tags whose drivers are followed now. */
    int trackedTags() {
        return drivers.size();
    }
}
