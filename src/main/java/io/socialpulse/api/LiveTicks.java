package io.socialpulse.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.socialpulse.config.TrendsConfig;
import io.socialpulse.trends.HubEvent;
import io.socialpulse.trends.TrendHub;
import io.vertx.core.buffer.Buffer;

/**
 * What the live stream keeps between ticks: the open streams' count, the recent ticks a
 * reconnecting client may have missed (its {@code Last-Event-ID}), and the newest tick's frames,
 * each rendered once for every subscriber of its view.
 */
@Singleton
public class LiveTicks {

    /** Ticks held for reconnects at most: each keeps every scope's lists. */
    static final int MAX_REPLAY_TICKS = 300;
    /** Views of the newest tick kept framed at most: what a request names cannot grow memory without end. */
    static final int MAX_FRAMES = 64;

    private final AtomicInteger subscribers = new AtomicInteger();
    private final ArrayDeque<HubEvent> recent = new ArrayDeque<>();
    private final int replayTicks;
    private final Map<String, Buffer> frames = new ConcurrentHashMap<>();
    private volatile long framesOf = -1;

    @Inject
    LiveTicks(TrendHub hub, TrendsConfig config) {
        this((int) Math.min(MAX_REPLAY_TICKS, Math.max(1, config.replay().toMillis() / config.tick().toMillis())));
        hub.countSubscribersWith(subscribers::get);
    }

    LiveTicks(int replayTicks) {
        this.replayTicks = replayTicks;
    }

    /** Holds a new tick: the ring takes it, and the frames of the one before are let go. */
    synchronized void keep(HubEvent event) {
        if (event.isPing()) {
            return;
        }
        recent.addLast(event);
        while (recent.size() > replayTicks) {
            recent.removeFirst();
        }
        frames.clear();
        framesOf = event.id();
    }

    /**
     * The frame of {@code event} for {@code view}, rendered once for every subscriber of the view
     * while the tick is the newest; an older tick (a replay), or a view past {@link #MAX_FRAMES},
     * is rendered for the caller and not kept.
     */
    Buffer frame(HubEvent event, String view, Supplier<Buffer> render) {
        if (event.id() != framesOf) {
            return render.get();
        }
        Buffer kept = frames.get(view);
        if (kept != null) {
            return kept;
        }
        if (frames.size() >= MAX_FRAMES) {
            return render.get();
        }
        return frames.computeIfAbsent(view, v -> render.get());
    }

    /** Whether a newer tick than {@code event} was kept; never for a ping. */
    boolean superseded(HubEvent event) {
        return !event.isPing() && framesOf > event.id();
    }

    /** Frames kept now. */
    int frames() {
        return frames.size();
    }

    /** Counts a stream opened and returns how many are open now. */
    int opened() {
        return subscribers.incrementAndGet();
    }

    void closed() {
        subscribers.decrementAndGet();
    }

    /** Open live streams. */
    public int subscribers() {
        return subscribers.get();
    }

    /** The newest tick, once there has been one. */
    public synchronized Optional<HubEvent> lastTick() {
        return Optional.ofNullable(recent.peekLast());
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
        if (recent.isEmpty() || id < recent.peekFirst().id() || id > recent.peekLast().id()) {
            return Optional.empty();
        }
        return Optional.of(new ArrayList<>(recent.stream().filter(t -> t.id() > id).toList()));
    }
}
