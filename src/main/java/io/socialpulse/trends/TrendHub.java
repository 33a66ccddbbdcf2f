package io.socialpulse.trends;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.socialpulse.config.RolesConfig;
import io.socialpulse.config.TrendsConfig;
import io.socialpulse.stream.ShardListener;
import io.socialpulse.stream.StreamRecord;
import io.socialpulse.trends.sentiment.Sentiment;

/**
 * The trends role: counts every post read from the stream into the windows, and on every tick
 * pushes the snapshot of every scope and window, the rising and trending tags, alerts and stats to
 * the live subscribers, with a ping between ticks for the proxies. Trends come from the stream
 * rather than the sources, so they show what is archived.
 */
@Singleton
public class TrendHub implements ShardListener {

    private final TrendsConfig config;
    private final boolean enabled;
    private final Windows windows;
    private final TrendScorer scorer;
    private final Alerts alerts;
    private final SentimentBudget budget;
    /** Posts counted in the last hour: at most a million ids, about 33 MB (bin/bench-trends). */
    private final RecentPosts counted = new RecentPosts(COUNTED_IDS);
    static final int COUNTED_IDS = 1_000_000;
    private final int recentBuckets;
    private final List<String> watchlist;
    private final Clock clock = Clock.systemUTC();
    private final BroadcastProcessor<HubEvent> events = BroadcastProcessor.create();
    private final Multi<HubEvent> shared = events.onOverflow().dropPreviousItems();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final ArrayDeque<HubEvent> recentTicks = new ArrayDeque<>();
    private final int replayTicks;
    private volatile TrendScorer.Result lastTrends = new TrendScorer.Result(List.of(), List.of());
    /** Rising and trending per platform, each against its own baselines; at most {@link #MAX_PLATFORMS}. */
    private final Map<String, TrendScorer> platformScorers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Map<String, TrendScorer.Result> lastPlatformTrends = Map.of();
    static final int MAX_PLATFORMS = 16;
    static final int MAX_REPLAY_TICKS = 300;
    static final int PLATFORM_TABLE = 1 << 12;
    private Cancellable ticker;
    private Cancellable pinger;

    TrendHub(TrendsConfig config, RolesConfig roles) {
        this.config = config;
        this.enabled = roles.runs("trends");
        this.watchlist = config.watchlist().orElse(List.of()).stream().map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> io.socialpulse.post.Entities.normalize(t.startsWith("#") ? t.substring(1) : t)).toList();
        this.windows = new Windows(config.bucket(), config.sketchSize(), watchlist);
        this.scorer = TrendScorer.of(config);
        this.alerts = new Alerts(config.alertZ(), config.alertCooldown());
        this.budget = new SentimentBudget(config.sentimentMaxRate());
        this.recentBuckets = (int) Math.max(1,
                (config.rising().recent().toMillis() + config.bucket().toMillis() - 1) / config.bucket().toMillis());
        // Each held tick keeps every scope's lists: cap the ring so a fast tick cannot fill the heap.
        this.replayTicks = (int) Math.min(MAX_REPLAY_TICKS,
                Math.max(1, config.replay().toMillis() / config.tick().toMillis()));
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        ticker = Multi.createFrom().ticks().every(config.tick()).onOverflow().drop()
                .subscribe().with(t -> emit(tick()), f -> Log.errorf(f, "trends: the ticker stopped"));
        pinger = Multi.createFrom().ticks().every(config.ping()).onOverflow().drop()
                .subscribe().with(t -> emit(HubEvent.ping()), f -> Log.errorf(f, "trends: the pinger stopped"));
        // At SIGTERM Quarkus first waits for open HTTP requests to end, and a live stream never
        // does: end them at once, from a hook of our own, rather than at the ShutdownEvent.
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeStreams, "trends-close-streams"));
    }

    @Override
    public Uni<Void> onRecords(String shardId, List<StreamRecord> records) {
        Instant now = clock.instant();
        for (StreamRecord record : records) {
            // Tombstones (kind "delete") are archived but are not posts to count; a post two sources
            // collected (or Kinesis holds twice) counts once.
            if (!record.isPoison() && !"delete".equals(record.post().kind())
                    && counted.first(record.post().id(), now)) {
                // Counting never samples; sentiment does when the load passes its budget.
                boolean score = budget.take(now);
                OptionalDouble compound = score ? Sentiment.compound(record.post()) : OptionalDouble.empty();
                windows.add(record.post(), now, compound, score);
            }
        }
        return Uni.createFrom().voidItem();
    }

    /** The current snapshot of a scope ("all" or a platform) and window, computed now. */
    public TrendSnapshot snapshot(String scope, String window, int limit) {
        TrendSnapshot snapshot = windows.snapshot(scope, window, clock.instant(), limit);
        TrendScorer.Result trends = TrendWindow.ALL.equals(scope) ? lastTrends : lastPlatformTrends.get(scope);
        return trends == null ? snapshot : snapshot.withTrends(trends.rising(), trends.trending()).limit(limit);
    }

    /** Live ticks and pings; a subscriber that cannot keep up gets only the newest event. */
    public Multi<HubEvent> events() {
        return shared;
    }

    /** Counts a stream opened and returns how many are open now. */
    public int streamOpened() {
        return subscribers.incrementAndGet();
    }

    public void streamClosed() {
        subscribers.decrementAndGet();
    }

    /** Open live streams. */
    public int subscribers() {
        return subscribers.get();
    }

    public int defaultLimit() {
        return config.top();
    }

    public String defaultWindow() {
        return Windows.name(config.window());
    }

    public TrendsConfig config() {
        return config;
    }

    HubEvent tick() {
        Instant now = clock.instant();
        Map<String, TrendScorer.Candidate> candidates = new HashMap<>(
                windows.fine().recent(now, recentBuckets, Math.max(50, 4 * config.top())));
        TrendSnapshot recent = windows.fine().snapshot(TrendWindow.ALL, now, 1, recentBuckets);
        for (Watched watched : recent.watch()) {
            // Watched terms are judged against their own baseline too, whatever their rank.
            candidates.putIfAbsent(watched.term(), new TrendScorer.Candidate(watched.count(), 0));
        }
        TrendScorer.Result trends = scorer.update(candidates, now);
        lastTrends = trends;
        Map<String, TrendScorer.Result> platformTrends = new HashMap<>();
        for (String platform : recent.platforms().keySet()) {
            TrendScorer platformScorer = platformScorers.size() < MAX_PLATFORMS || platformScorers.containsKey(platform)
                    ? platformScorers.computeIfAbsent(platform, p -> TrendScorer.of(config, PLATFORM_TABLE))
                    : null;
            if (platformScorer != null) {
                platformTrends.put(platform, platformScorer.update(new HashMap<>(windows.fine().recent(platform, now,
                        recentBuckets, Math.max(50, 4 * config.top()))), now));
            }
        }
        lastPlatformTrends = platformTrends;
        Map<String, TrendSnapshot> scopes = new LinkedHashMap<>();
        for (String window : Windows.ORDER) {
            TrendSnapshot all = windows.snapshot(TrendWindow.ALL, window, now, config.top())
                    .withTrends(trends.rising(), trends.trending()).limit(config.top());
            scopes.put(HubEvent.key(TrendWindow.ALL, window), all);
            for (String platform : all.platforms().keySet()) {
                TrendSnapshot scope = windows.snapshot(platform, window, now, config.top());
                TrendScorer.Result own = platformTrends.get(platform);
                scopes.put(HubEvent.key(platform, window),
                        own == null ? scope : scope.withTrends(own.rising(), own.trending()).limit(config.top()));
            }
        }
        List<Alert> raised = alerts.check(trends, watchlist, now);
        TrendSnapshot minute = scopes.get(HubEvent.key(TrendWindow.ALL, "1m"));
        long attempted = minute.sentiment().n() + minute.sentiment().unscored();
        Stats stats = new Stats(now, minute.postsPerSecond(), minute.platforms(), subscribers.get(),
                budget.sampledShare(),
                attempted == 0
                        ? 0
                        : Math.round(minute.sentiment().unscored() * 1000.0 / attempted)
                                / 1000.0);
        return new HubEvent(now.toEpochMilli(), scopes, raised, stats);
    }

    private synchronized void emit(HubEvent event) {
        if (!event.isPing()) {
            // The ring keeps older ticks for reconnects, which render them without keeping the result.
            HubEvent previous = recentTicks.peekLast();
            if (previous != null) {
                previous.forgetRendered();
            }
            recentTicks.addLast(event);
            while (recentTicks.size() > replayTicks) {
                recentTicks.removeFirst();
            }
        }
        events.onNext(event);
    }

    /** The newest tick, once there has been one. */
    public synchronized Optional<HubEvent> lastTick() {
        return Optional.ofNullable(recentTicks.peekLast());
    }

    /**
     * The ticks after {@code lastEventId} if the ring still holds it, oldest first; empty when it
     * does not (too old, another task's id, or garbage), in which case a fresh snapshot is due.
     */
    public synchronized Optional<List<HubEvent>> ticksAfter(String lastEventId) {
        long id;
        try {
            id = Long.parseLong(lastEventId.strip());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (recentTicks.isEmpty() || id < recentTicks.peekFirst().id() || id > recentTicks.peekLast().id()) {
            return Optional.empty();
        }
        return Optional.of(new ArrayList<>(recentTicks.stream().filter(t -> t.id() > id).toList()));
    }

    /** Ends every open stream so the HTTP server can stop at once. */
    void onStop(@Observes @Priority(40) ShutdownEvent event) {
        closeStreams();
    }

    private synchronized void closeStreams() {
        if (ticker != null) {
            ticker.cancel();
            pinger.cancel();
        }
        events.onComplete();
    }
}
