package io.socialpulse.trends;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * The trends role: counts every post read from the stream into the window, and on every tick
 * pushes the snapshot of every scope to the live subscribers, with a ping between ticks for the
 * proxies. Trends come from the stream rather than the sources, so they show what is archived.
 */
@Singleton
public class TrendHub implements ShardListener {

    private final TrendsConfig config;
    private final boolean enabled;
    private final TrendWindow window;
    private final TrendScorer scorer;
    private final int recentBuckets;
    private volatile TrendScorer.Result lastTrends = new TrendScorer.Result(List.of(), List.of());
    private final Clock clock = Clock.systemUTC();
    private final BroadcastProcessor<HubEvent> events = BroadcastProcessor.create();
    private final Multi<HubEvent> shared = events.onOverflow().dropPreviousItems();
    private final java.util.concurrent.atomic.AtomicInteger subscribers = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.ArrayDeque<HubEvent> recentTicks = new java.util.ArrayDeque<>();
    private final int replayTicks;
    private Cancellable ticker;
    private Cancellable pinger;

    TrendHub(TrendsConfig config, RolesConfig roles) {
        this.config = config;
        this.enabled = roles.runs("trends");
        this.window = new TrendWindow(config.window(), config.bucket(), config.sketchSize());
        this.scorer = TrendScorer.of(config);
        this.replayTicks = (int) Math.max(1, config.replay().toMillis() / config.tick().toMillis());
        this.recentBuckets = (int) Math.max(1,
                (config.rising().recent().toMillis() + config.bucket().toMillis() - 1) / config.bucket().toMillis());
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
    }

    @Override
    public Uni<Void> onRecords(String shardId, List<StreamRecord> records) {
        Instant now = clock.instant();
        for (StreamRecord record : records) {
            if (!record.isPoison()) {
                // Scored outside the window's lock: VADER is the costly part of counting a post.
                window.add(record.post(), now, Sentiment.compound(record.post()), true);
            }
        }
        return Uni.createFrom().voidItem();
    }

    /** The current snapshot of a scope ("all" or a platform), computed now. */
    public TrendSnapshot snapshot(String scope, int limit) {
        TrendSnapshot snapshot = window.snapshot(scope, clock.instant(), limit);
        TrendScorer.Result trends = lastTrends;
        return TrendWindow.ALL.equals(scope)
                ? snapshot.withTrends(trends.rising(), trends.trending()).limit(limit)
                : snapshot;
    }

    /** Live ticks and pings; a subscriber that cannot keep up gets only the newest event. */
    public Multi<HubEvent> events() {
        return shared.onSubscription().invoke(s -> subscribers.incrementAndGet())
                .onTermination().invoke(subscribers::decrementAndGet);
    }

    /** Open live streams. */
    public int subscribers() {
        return subscribers.get();
    }

    public int defaultLimit() {
        return config.top();
    }

    private HubEvent tick() {
        Instant now = clock.instant();
        TrendScorer.Result trends = scorer.update(window.recent(now, recentBuckets, Math.max(50, 4 * config.top())),
                now);
        lastTrends = trends;
        TrendSnapshot all = window.snapshot(TrendWindow.ALL, now, config.top())
                .withTrends(trends.rising(), trends.trending()).limit(config.top());
        Map<String, TrendSnapshot> scopes = new LinkedHashMap<>();
        scopes.put(TrendWindow.ALL, all);
        for (String platform : all.platforms().keySet()) {
            scopes.put(platform, window.snapshot(platform, now, config.top()));
        }
        return new HubEvent(now.toEpochMilli(), scopes);
    }

    private synchronized void emit(HubEvent event) {
        if (!event.isPing()) {
            recentTicks.addLast(event);
            while (recentTicks.size() > replayTicks) {
                recentTicks.removeFirst();
            }
        }
        events.onNext(event);
    }

    /**
     * The ticks after {@code lastEventId} if the ring still holds it, oldest first; empty when it
     * does not (too old, another task's id, or garbage), in which case a fresh snapshot is due.
     */
    public synchronized java.util.Optional<List<HubEvent>> ticksAfter(String lastEventId) {
        long id;
        try {
            id = Long.parseLong(lastEventId.strip());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        if (recentTicks.isEmpty() || id < recentTicks.peekFirst().id() || id > recentTicks.peekLast().id()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(recentTicks.stream().filter(t -> t.id() > id).toList());
    }

    public TrendsConfig config() {
        return config;
    }

    /** Ends every open stream so the HTTP server can stop at once. */
    void onStop(@Observes @Priority(40) ShutdownEvent event) {
        if (ticker != null) {
            ticker.cancel();
            pinger.cancel();
        }
        synchronized (this) {
            events.onComplete();
        }
    }
}
