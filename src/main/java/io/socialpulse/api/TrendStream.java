package io.socialpulse.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.socialpulse.config.StopOrder;
import io.socialpulse.trends.HubEvent;
import io.socialpulse.trends.TrendHub;
import io.socialpulse.trends.TrendSnapshot;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /trends/stream}: Server-Sent Events written straight to the HTTP connections. A
 * {@code snapshot} event at once (with {@code retry: 5000}), then every tick {@code trends},
 * {@code sentiment}, {@code influencers}, {@code alert} and {@code stats} events with the tick's id, and a
 * {@code :ping} comment between ticks.
 * <p>
 * Fan-out is what costs with thousands of streams, so each tick is framed once per view (scope,
 * window, limit) into one buffer that every subscriber of that view shares, and delivered by one
 * task per event loop for all the streams that loop serves. A subscriber whose connection does not
 * take what it is sent holds at most its socket's buffers plus a reference to the newest frame
 * (older ones are dropped: every tick carries complete lists); one that takes nothing for
 * {@code TRENDS_STALL_TIMEOUT} is disconnected.
 */
@Singleton
public class TrendStream {

    static final long RETRY_MILLIS = 5000;
    static final String PATH = "/trends/stream";
    private static final Buffer PING = Buffer.buffer(":ping\n\n");

    private final TrendHub hub;
    private final ApiKeys keys;
    /** The streams of each event loop, touched only from that loop's thread. */
    private final Map<Thread, Loop> loops = new ConcurrentHashMap<>();
    private volatile boolean closed;

    TrendStream(TrendHub hub, ApiKeys keys) {
        this.hub = hub;
        this.keys = keys;
    }

    void route(@Observes Router router) {
        router.get(PATH).order(-10).handler(this::open);
        if (hub.enabled()) {
            hub.events().subscribe().with(this::publish, f -> Log.errorf(f, "trends: the stream fan-out stopped"),
                    this::closeAll);
        }
    }

    private void open(RoutingContext request) {
        HttpServerResponse response = request.response();
        if (!keys.allows(name -> request.request().getHeader(name))) {
            refuse(request, 401, ApiKeys.REQUIRED, "WWW-Authenticate", "Bearer realm=\"social-pulse\"");
            return;
        }
        TrendFrames.View view;
        try {
            view = new TrendFrames.View(Scope.of(request.request().getParam("platform")),
                    Scope.window(request.request().getParam("window"), hub.defaultWindow()),
                    // A tick holds TRENDS_TOP entries: larger limits show the same and share one view.
                    Math.min(Scope.limit(limit(request.request().getParam("limit")), hub.defaultLimit()),
                            hub.config().top()));
        } catch (WebApplicationException e) {
            refuse(request, 400, e.getMessage(), null, null);
            return;
        }
        if (closed || !hub.enabled()) {
            refuse(request, 503, "the trend stream is not running here (this service is stopping, or runs without"
                    + " the trends role)", "Retry-After",
                    Long.toString(RETRY_MILLIS / 1000));
            return;
        }
        if (hub.streamOpened() > hub.config().maxSubscribers()) {
            hub.streamClosed();
            refuse(request, 503, "too many open streams (TRENDS_MAX_SUBSCRIBERS); retry in a few seconds",
                    "Retry-After",
                    Long.toString(RETRY_MILLIS / 1000));
            return;
        }
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        // A reconnect whose Last-Event-ID the ring still holds gets the ticks it missed; anyone else a
        // snapshot: the newest tick's lists (one rendering per view for a whole reconnecting crowd), or
        // before the first tick one computed now. Every tick carries complete lists, so a tick lost in
        // between does no harm.
        String lastEventId = request.request().getHeader("Last-Event-ID");
        Optional<List<HubEvent>> missed = lastEventId == null ? Optional.empty() : hub.ticksAfter(lastEventId);
        Optional<HubEvent> newest = missed.isPresent() ? Optional.empty() : hub.lastTick();
        if (missed.isPresent()) {
            for (HubEvent event : missed.get()) {
                response.write(view.replayed(event));
            }
        } else if (newest.isPresent()) {
            response.write(view.snapshotFrame(newest.get()));
        } else {
            TrendSnapshot now = hub.snapshot(view.scope(), view.window(), view.limit());
            response.write(Buffer.buffer(
                    "retry: " + RETRY_MILLIS + "\n" + TrendFrames.event("snapshot", now.id(), TrendFrames.json(now))));
        }
        Loop loop = loops.computeIfAbsent(Thread.currentThread(), t -> new Loop(Vertx.currentContext()));
        Subscriber subscriber = new Subscriber(response, view, loop);
        loop.subscribers.add(subscriber);
        response.closeHandler(v -> subscriber.gone());
        response.exceptionHandler(e -> subscriber.gone());
        response.drainHandler(v -> subscriber.drained());
    }

    private static Integer limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(limit.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException("limit must be a number");
        }
    }

    private static void refuse(RoutingContext request, int status, String message, String header, String value) {
        HttpServerResponse response = request.response();
        if (header != null) {
            response.putHeader(header, value);
        }
        response.setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Problem.of(status, message, request.request().path()).json());
    }

    /** Called on the ticker's thread: hands the event to each event loop, once. */
    private void publish(HubEvent event) {
        for (Loop loop : loops.values()) {
            loop.context.runOnContext(v -> loop.deliver(event));
        }
    }

    /** Ends every open stream so the HTTP server can stop at once. */
    void onStop(@Observes @Priority(StopOrder.LIVE_STREAMS) ShutdownEvent event) {
        closeAll();
    }

    private void closeAll() {
        closed = true;
        for (Loop loop : loops.values()) {
            loop.context.runOnContext(v -> {
                for (Subscriber subscriber : new ArrayList<>(loop.subscribers)) {
                    subscriber.response.end();
                    subscriber.gone();
                }
            });
        }
    }

    /** The streams one event loop serves. */
    private final class Loop {
        final Context context;
        final Set<Subscriber> subscribers = new LinkedHashSet<>();

        Loop(Context context) {
            this.context = context;
        }

        void deliver(HubEvent event) {
            long now = System.nanoTime();
            for (Subscriber subscriber : new ArrayList<>(subscribers)) {
                subscriber.send(event.isPing() ? PING : subscriber.view.frame(event), event.isPing(), now);
            }
        }
    }

    /** One open stream. */
    private final class Subscriber {
        final HttpServerResponse response;
        final TrendFrames.View view;
        final Loop loop;
        /** The newest frame its connection had no room for; older ones are dropped. */
        Buffer pending;
        /** When its connection last stopped taking data, or 0 while it takes what it is sent. */
        long fullSince;
        boolean gone;

        Subscriber(HttpServerResponse response, TrendFrames.View view, Loop loop) {
            this.response = response;
            this.view = view;
            this.loop = loop;
        }

        void send(Buffer frame, boolean ping, long now) {
            if (gone) {
                return;
            }
            if (!response.writeQueueFull()) {
                fullSince = 0;
                response.write(frame, null); // no completion to track: no promise per subscriber per tick
                return;
            }
            if (fullSince == 0) {
                fullSince = now;
            } else if (now - fullSince > hub.config().stallTimeout().toNanos()) {
                Log.debugf("trends: closing a stream that took nothing for %s", hub.config().stallTimeout());
                response.reset();
                gone();
                return;
            }
            if (!ping) {
                pending = frame;
            }
        }

        void drained() {
            fullSince = 0;
            Buffer frame = pending;
            pending = null;
            if (frame != null && !gone) {
                response.write(frame, null);
            }
        }

        void gone() {
            if (!gone) {
                gone = true;
                pending = null;
                loop.subscribers.remove(this);
                hub.streamClosed();
            }
        }
    }
}
