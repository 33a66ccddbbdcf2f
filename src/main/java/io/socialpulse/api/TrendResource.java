package io.socialpulse.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import io.socialpulse.trends.Alert;
import io.socialpulse.trends.HubEvent;
import io.socialpulse.trends.SentimentView;
import io.socialpulse.trends.TrendHub;
import io.socialpulse.trends.TrendSnapshot;

/**
 * Live trends. {@code GET /trends} is the current snapshot as JSON; {@code GET /trends/stream} is
 * Server-Sent Events: a {@code snapshot} event at once (with {@code retry: 5000}), then every tick
 * {@code trends}, {@code sentiment} and {@code stats} events, an {@code alert} event per spike, and
 * a {@code :ping} comment between ticks.
 */
@Path("/trends")
public class TrendResource {

    private static final long RETRY_MILLIS = 5000;

    private final TrendHub hub;

    TrendResource(TrendHub hub) {
        this.hub = hub;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TrendSnapshot snapshot(@QueryParam("platform") String platform, @QueryParam("window") String window,
            @QueryParam("limit") Integer limit) {
        return hub.snapshot(Scope.of(platform), Scope.window(window, hub.defaultWindow()),
                Scope.limit(limit, hub.defaultLimit()));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    // Data goes out as JSON text serialized once per tick and view (see HubEvent.rendered).
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<OutboundSseEvent> stream(@QueryParam("platform") String platform, @QueryParam("window") String window,
            @QueryParam("limit") Integer limit, @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        View view = new View(Scope.of(platform), Scope.window(window, hub.defaultWindow()),
                Scope.limit(limit, hub.defaultLimit()));
        if (hub.subscribers() >= hub.config().maxSubscribers()) {
            throw new WebApplicationException(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_MILLIS / 1000).type(MediaType.APPLICATION_JSON)
                    .entity("{\"error\":\"too many open streams, retry later\"}").build());
        }
        // A reconnect whose Last-Event-ID the ring still holds gets the ticks it missed; anyone else a
        // fresh snapshot. Every tick carries complete lists, so a tick lost in between does no harm.
        Optional<List<HubEvent>> missed = lastEventId == null ? Optional.empty() : hub.ticksAfter(lastEventId);
        Multi<OutboundSseEvent> first = missed.isPresent()
                ? Multi.createFrom().iterable(missed.get()).onItem().transformToIterable(e -> view.events(sse, e))
                : Multi.createFrom().item(() -> {
                    TrendSnapshot now = hub.snapshot(view.scope(), view.window(), view.limit());
                    return sse.newEventBuilder().name("snapshot").id(Long.toString(now.id()))
                            .reconnectDelay(RETRY_MILLIS).data(json(now)).build();
                });
        Multi<OutboundSseEvent> live = hub.events().onItem().transformToIterable(e -> view.events(sse, e));
        // A client that takes nothing (not even the pings) for this long is gone or stuck: let it go.
        return Multi.createBy().concatenating().streams(first, live)
                .ifNoItem().after(hub.config().stallTimeout()).fail();
    }

    /** What one subscriber asked for, and how a hub event looks to it. */
    record View(String scope, String window, int limit) {

        List<OutboundSseEvent> events(Sse sse, HubEvent event) {
            if (event.isPing()) {
                return List.of(sse.newEventBuilder().comment("ping").build());
            }
            String id = Long.toString(event.id());
            List<String[]> frames = event.rendered(scope + "|" + window + "|" + limit, () -> render(event));
            List<OutboundSseEvent> out = new ArrayList<>(frames.size());
            for (String[] frame : frames) {
                out.add(sse.newEventBuilder().name(frame[0]).id(id).data(frame[1]).build());
            }
            return out;
        }

        private List<String[]> render(HubEvent event) {
            TrendSnapshot snapshot = event.scopes().get(HubEvent.key(scope, window));
            if (snapshot == null) {
                snapshot = Scope.empty(event.scopes().get(HubEvent.key(Scope.ALL, window)), scope);
            }
            List<String[]> frames = new ArrayList<>(3 + event.alerts().size());
            frames.add(new String[]{"trends", json(snapshot.limit(limit))});
            frames.add(new String[]{"sentiment",
                    json(new SentimentEvent(snapshot.ts(), scope, window, snapshot.sentiment()))});
            for (Alert alert : event.alerts()) {
                frames.add(new String[]{"alert", json(alert)});
            }
            frames.add(new String[]{"stats", json(event.stats())});
            return frames;
        }
    }

    static String json(Object value) {
        try {
            return io.socialpulse.post.PostCodec.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code sentiment} event: the window's sentiment in one scope. */
    public record SentimentEvent(Instant ts, String scope, String window, SentimentView sentiment) {
    }
}
