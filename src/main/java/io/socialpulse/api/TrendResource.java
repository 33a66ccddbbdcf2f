package io.socialpulse.api;

import java.util.List;

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
import io.socialpulse.trends.HubEvent;
import io.socialpulse.trends.TrendHub;
import io.socialpulse.trends.TrendSnapshot;

/**
 * Live trends. {@code GET /trends} is the current snapshot as JSON; {@code GET /trends/stream} is
 * Server-Sent Events: a {@code snapshot} event at once (with {@code retry: 5000}), then a
 * {@code trends} event every tick and a {@code :ping} comment between them.
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
    public TrendSnapshot snapshot(@QueryParam("platform") String platform, @QueryParam("limit") Integer limit) {
        return hub.snapshot(Scope.of(platform), Scope.limit(limit, hub.defaultLimit()));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<OutboundSseEvent> stream(@QueryParam("platform") String platform, @QueryParam("limit") Integer limit,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        String scope = Scope.of(platform);
        int top = Scope.limit(limit, hub.defaultLimit());
        if (hub.subscribers() >= hub.config().maxSubscribers()) {
            throw new WebApplicationException(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_MILLIS / 1000).type(MediaType.APPLICATION_JSON)
                    .entity("{\"error\":\"too many open streams, retry later\"}").build());
        }
        // A reconnect whose Last-Event-ID the ring still holds gets the ticks it missed; anyone else a
        // fresh snapshot. Every tick carries complete lists, so a tick lost in between does no harm.
        java.util.Optional<List<HubEvent>> missed = lastEventId == null
                ? java.util.Optional.empty()
                : hub.ticksAfter(lastEventId);
        Multi<OutboundSseEvent> first = missed.isPresent()
                ? Multi.createFrom().iterable(missed.get()).onItem()
                        .transformToIterable(event -> toSse(sse, event, scope, top))
                : Multi.createFrom().item(() -> {
                    TrendSnapshot now = hub.snapshot(scope, top);
                    return sse.newEventBuilder().name("snapshot").id(Long.toString(now.id()))
                            .reconnectDelay(RETRY_MILLIS).data(now).build();
                });
        Multi<OutboundSseEvent> live = hub.events().onItem()
                .transformToIterable(event -> toSse(sse, event, scope, top));
        // A client that takes nothing (not even the pings) for this long is gone or stuck: let it go.
        return Multi.createBy().concatenating().streams(first, live)
                .ifNoItem().after(hub.config().stallTimeout()).fail();
    }

    /** A tick becomes a {@code trends} and a {@code sentiment} event; a ping becomes a comment. */
    private static java.util.List<OutboundSseEvent> toSse(Sse sse, HubEvent event, String scope, int top) {
        if (event.isPing()) {
            return java.util.List.of(sse.newEventBuilder().comment("ping").build());
        }
        TrendSnapshot snapshot = event.scopes().get(scope);
        if (snapshot == null) {
            snapshot = Scope.empty(event.scopes().get(Scope.ALL), scope);
        }
        String id = Long.toString(event.id());
        return java.util.List.of(
                sse.newEventBuilder().name("trends").id(id).data(snapshot.limit(top)).build(),
                sse.newEventBuilder().name("sentiment").id(id)
                        .data(new SentimentEvent(snapshot.ts(), scope, snapshot.sentiment())).build());
    }

    /** The {@code sentiment} event: the window's sentiment in one scope. */
    public record SentimentEvent(java.time.Instant ts, String scope, io.socialpulse.trends.SentimentView sentiment) {
    }
}
