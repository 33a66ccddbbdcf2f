package io.socialpulse.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Optional API keys ({@code API_KEYS}, comma-separated) for everything the service answers but
 * its health checks, metrics and the dashboard page: every REST resource, whatever the spelling
 * of its path (trailing slashes, doubled slashes, encodings), and the live stream. A request must
 * carry a key in {@code Authorization: Bearer <key>} or {@code X-API-Key}; otherwise it gets a 401
 * before any stream is opened. Keys are compared as SHA-256 digests in constant time, so neither
 * their content nor their length leaks through timing. {@code API_KEYS} set to nothing but blanks
 * and commas stops the start rather than leaving the endpoints open.
 */
@Singleton
public class ApiKeys {

    static final String REQUIRED = "an API key is required: send it as Authorization: Bearer <key> or X-API-Key";

    private final List<byte[]> digests;

    @Inject
    ApiKeys(@ConfigProperty(name = "api.keys") Optional<List<String>> keys) {
        this(keys.orElse(List.of()), System.getenv("API_KEYS"));
    }

    ApiKeys(List<String> keys, String raw) {
        this.digests = keys.stream().map(String::strip).filter(k -> !k.isEmpty()).map(ApiKeys::digest).toList();
        if (digests.isEmpty() && raw != null) {
            throw new ConfigurationException(
                    "Invalid configuration:\n  API_KEYS is set but holds no key; unset it to run without keys");
        }
        if (digests.isEmpty()) {
            Log.info("API_KEYS is not set: the trend and source endpoints answer anyone who reaches the port");
        }
    }

    /** Made at startup, so that a key list with no key stops the start instead of the first request. */
    void start(@Observes StartupEvent event) {
    }

    /** Every REST resource needs a key once keys are configured: a path is never an exemption. */
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext request) {
        if (allows(request::getHeaderString)) {
            return Optional.empty();
        }
        return Optional.of(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"social-pulse\"")
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, REQUIRED, request.getUriInfo().getPath()).json()).build());
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
