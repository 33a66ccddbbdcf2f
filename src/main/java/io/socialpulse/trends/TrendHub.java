package io.socialpulse.trends;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;

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
    /** How many live streams are open, as the api counts them; told in the stats event. */
    private volatile IntSupplier subscribers = () -> 0;
    private Cancellable ticker;
    private Cancellable pinger;

    TrendHub(TrendsConfig config, RolesConfig roles) {
        this.config = config;
        this.enabled = roles.runs(Role.TRENDS);
        this.view = new TrendView(config);
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

    /** Where the stats event reads how many live streams are open. */
    public void countSubscribersWith(IntSupplier count) {
        this.subscribers = count;
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
        return view.tick(clock.instant(), subscribers.getAsInt());
    }

    private synchronized void emit(HubEvent event) {
        events.onNext(event);
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
