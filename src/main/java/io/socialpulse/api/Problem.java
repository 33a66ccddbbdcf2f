package io.socialpulse.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}): a title for the kind of
 * error, a detail a person can act on, the status and the path asked for. Every route answers its
 * errors this way, the REST resources through this mapper, the live stream and the key check by
 * writing the same document.
 */
@RegisterForReflection
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String detail, String instance) {
        return new Problem("about:blank", title(status), status, detail, instance);
    }

    /** The document as JSON, fields in RFC order, nothing absent written. */
    public String json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", type);
        fields.put("title", title);
        fields.put("status", status);
        if (detail != null) {
            fields.put("detail", detail);
        }
        if (instance != null) {
            fields.put("instance", instance);
        }
        return TrendFrames.json(fields);
    }

    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(json()).build();
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "API key required";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Server error" : "Request refused";
        };
    }

    /** Maps the errors of the REST resources. */
    public static final class Mapper {

        @ServerExceptionMapper
        public Response map(WebApplicationException e, UriInfo uri) {
            int status = e.getResponse().getStatus();
            String detail = status == 404
                    ? "there is nothing at " + uri.getPath() + "; the API is /trends, /trends/stream and /sources"
                    : e.getMessage();
            return Problem.of(status, detail, uri.getPath()).response();
        }
    }
}
