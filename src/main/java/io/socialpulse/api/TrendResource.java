package io.socialpulse.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.socialpulse.trends.TrendHub;
import io.socialpulse.trends.TrendSnapshot;

/**
 * {@code GET /trends}: the current snapshot as JSON. The live view, {@code GET /trends/stream}, is
 * {@link TrendStream}.
 */
@Path("/trends")
public class TrendResource {

    private final TrendHub hub;

    TrendResource(TrendHub hub) {
        this.hub = hub;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TrendSnapshot snapshot(@QueryParam("platform") String platform, @QueryParam("window") String window,
            @QueryParam("limit") Integer limit) {
        return hub.snapshot(TrendQuery.of(platform), TrendQuery.window(window, hub.defaultWindow()),
                TrendQuery.limit(limit, hub.defaultLimit()));
    }
}
