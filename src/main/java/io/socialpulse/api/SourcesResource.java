package io.socialpulse.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.socialpulse.source.SourceRunner;
import io.socialpulse.source.SourceStatus;

/**
 * {@code GET /sources}: every configured source with its state (running, waiting for a rate
 * window, parked on a quota, failing, stopped), last and next poll, posts collected, cursor and
 * last error. Errors are scrubbed of credentials before they are recorded.
 */
@Path("/sources")
public class SourcesResource {

    private final SourceRunner runner;

    SourcesResource(SourceRunner runner) {
        this.runner = runner;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<SourceStatus> sources() {
        return runner.status();
    }
}
