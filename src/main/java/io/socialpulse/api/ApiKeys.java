package io.socialpulse.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Optional API keys for the trend endpoints ({@code API_KEYS}, comma-separated). A request must
 * carry one in {@code Authorization: Bearer <key>} or {@code X-API-Key}; otherwise it gets a 401
 * before any stream is opened. Keys are compared as SHA-256 digests in constant time, so neither
 * their content nor their length leaks through timing.
 */
@Singleton
public class ApiKeys {

    private final List<byte[]> digests;

    ApiKeys(@ConfigProperty(name = "api.keys") Optional<List<String>> keys) {
        this.digests = keys.orElse(List.of()).stream().map(String::strip).filter(k -> !k.isEmpty())
                .map(ApiKeys::digest).toList();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (digests.isEmpty() || !(path.equals("/trends") || path.startsWith("/trends/") || path.equals("/sources"))) {
            return Optional.empty();
        }
        if (allows(request::getHeaderString)) {
            return Optional.empty();
        }
        return Optional.of(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"social-pulse\"")
                .type(MediaType.APPLICATION_JSON)
                .entity("{\"error\":\"an API key is required: Authorization: Bearer <key> or X-API-Key\"}").build());
    }

    /** Whether a request with these headers may pass: no keys configured, or one of them presented. */
    boolean allows(Function<String, String> headers) {
        if (digests.isEmpty()) {
            return true;
        }
        String presented = presented(headers);
        return presented != null && accepted(presented);
    }

    boolean accepted(String key) {
        byte[] candidate = digest(key);
        boolean match = false;
        for (byte[] known : digests) {
            match |= MessageDigest.isEqual(known, candidate); // every key compared, no early exit
        }
        return match;
    }

    private static String presented(Function<String, String> headers) {
        String header = headers.apply("X-API-Key");
        if (header != null) {
            return header.strip();
        }
        String authorization = headers.apply(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return null;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
