package io.socialpulse.api;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;

import io.quarkus.runtime.ShutdownEvent;
import io.socialpulse.config.StopOrder;
import io.socialpulse.trends.HubEvent;
import io.socialpulse.trends.TrendHub;
import io.socialpulse.trends.TrendSnapshot;
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
 * This class admits a stream: the key, the query, room under {@code TRENDS_MAX_SUBSCRIBERS}, and
 * what it opens with (the ticks a reconnect missed, or a snapshot). {@link StreamFanOut} then
 * delivers every tick to it.
 */
@Singleton
public class TrendStream {

    static final long RETRY_MILLIS = 5000;
    static final String PATH = "/trends/stream";

    private final TrendHub hub;
    private final ApiKeys keys;
    private final LiveTicks live;
    private final StreamFanOut fanOut;

    TrendStream(TrendHub hub, ApiKeys keys, LiveTicks live, StreamFanOut fanOut) {
        this.hub = hub;
        this.keys = keys;
        this.live = live;
        this.fanOut = fanOut;
    }

    void route(@Observes Router router) {
        router.get(PATH).order(-10).handler(this::open);
        if (hub.enabled()) {
            fanOut.start();
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
            view = new TrendFrames.View(TrendQuery.of(request.request().getParam("platform")),
                    TrendQuery.window(request.request().getParam("window"), hub.defaultWindow()),
                    // A tick holds TRENDS_TOP entries: larger limits show the same and share one view.
                    Math.min(TrendQuery.limit(limit(request.request().getParam("limit")), hub.defaultLimit()),
                            hub.config().top()));
        } catch (WebApplicationException e) {
            refuse(request, 400, e.getMessage(), null, null);
            return;
        }
        if (fanOut.closed() || !hub.enabled()) {
            refuse(request, 503, "the trend stream is not running here (this service is stopping, or runs without"
                    + " the trends role)", "Retry-After",
                    Long.toString(RETRY_MILLIS / 1000));
            return;
        }
        if (live.opened() > hub.config().maxSubscribers()) {
            live.closed();
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
        Optional<List<HubEvent>> missed = lastEventId == null ? Optional.empty() : live.ticksAfter(lastEventId);
        Optional<HubEvent> newest = missed.isPresent() ? Optional.empty() : live.lastTick();
        if (missed.isPresent()) {
            for (HubEvent event : missed.get()) {
                response.write(view.replayed(event));
            }
        } else if (newest.isPresent()) {
            response.write(view.snapshotFrame(newest.get(), live));
        } else {
            TrendSnapshot now = hub.snapshot(view.scope(), view.window(), view.limit());
            response.write(Buffer.buffer(
                    "retry: " + RETRY_MILLIS + "\n" + TrendFrames.event("snapshot", now.id(), TrendFrames.json(now))));
        }
        fanOut.join(response, request.request().connection(), view);
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

    /** Ends every open stream so the HTTP server can stop at once. */
    void onStop(@Observes @Priority(StopOrder.LIVE_STREAMS) ShutdownEvent event) {
        fanOut.closeAll();
    }
}
