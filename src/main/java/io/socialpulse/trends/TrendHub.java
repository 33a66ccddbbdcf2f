package io.socialpulse.trends;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import io.socialpulse.config.Role;
import io.socialpulse.config.RolesConfig;
import io.socialpulse.config.StopOrder;
import io.socialpulse.config.TrendsConfig;
import io.socialpulse.stream.read.ShardListener;
import io.socialpulse.stream.read.StreamRecord;

/**
 * The trends role: hands every post read from the stream to the {@link TrendView}, and on every
 * tick pushes the snapshot of every scope and window, the rising and trending tags, influencers,
 * alerts and stats to the live subscribers, with a ping between ticks for the proxies. Trends come
 * from the stream rather than the sources, so they show what is archived.
 */
@Singleton
public class TrendHub implements ShardListener {

    private final TrendsConfig config;
    private final boolean enabled;
    private final TrendView view;
    private final Clock clock = Clock.systemUTC();
    private final BroadcastProcessor<HubEvent> events = BroadcastProcessor.create();
    private final Multi<HubEvent> shared = events.onOverflow().dropPreviousItems();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final ArrayDeque<HubEvent> recentTicks = new ArrayDeque<>();
    private final int replayTicks;
    static final int MAX_REPLAY_TICKS = 300;
    private Cancellable ticker;
    private Cancellable pinger;

    TrendHub(TrendsConfig config, RolesConfig roles) {
        this.config = config;
        this.enabled = roles.runs(Role.TRENDS);
        this.view = new TrendView(config);
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
            // Tombstones (kind "delete") are archived but are not posts to count.
            if (!record.isPoison() && !"delete".equals(record.post().kind())) {
                view.count(record.post(), now);
            }
        }
        return Uni.createFrom().voidItem();
    }

    /** The current snapshot of a scope ("all" or a platform) and window, computed now. */
    public TrendSnapshot snapshot(String scope, String window, int limit) {
        return view.snapshot(scope, window, clock.instant(), limit);
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
        return view.tick(clock.instant(), subscribers.get());
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
    void onStop(@Observes @Priority(StopOrder.LIVE_STREAMS) ShutdownEvent event) {
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
