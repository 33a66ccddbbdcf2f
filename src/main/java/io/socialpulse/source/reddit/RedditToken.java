package io.socialpulse.source.reddit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.RedditConfig;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;
import io.socialpulse.source.kit.Secrets;

/**
 * Reddit's app-only OAuth token ({@code client_credentials}), shared by every Reddit source and
 * fetched again a minute before it expires or when the API refuses it.
 */
public final class RedditToken {

    private final PlatformContext context;
    private final RedditConfig config;
    private volatile String token;
    private volatile Instant expires = Instant.EPOCH;

    public RedditToken(PlatformContext context, RedditConfig config) {
        this.context = context;
        this.config = config;
    }

    public Uni<String> get() {
        String current = token;
        if (current != null && context.clock().instant().isBefore(expires)) {
            return Uni.createFrom().item(current);
        }
        String basic = Base64.getEncoder().encodeToString((config.clientId().orElse("") + ":"
                + config.clientSecret().orElse("")).getBytes(StandardCharsets.UTF_8));
        return context.http().post(URI.create(config.authUrl() + "/api/v1/access_token"),
                Map.of("Authorization", "Basic " + basic, "User-Agent", config.userAgent().orElse("")),
                "application/x-www-form-urlencoded", "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8))
                .map(this::read);
    }

    /** Forgets the token, so the next request fetches a new one. */
    public void invalidate() {
        token = null;
    }

    private String read(HttpAnswer answer) {
        if (answer.status() == 401 || answer.status() == 403) {
            throw PlatformException.of(Kind.AUTH, "Reddit refused the app's credentials (HTTP " + answer.status()
                    + "); check SOURCES_REDDIT_CLIENT_ID and SOURCES_REDDIT_CLIENT_SECRET (new apps need Reddit's"
                    + " approval)");
        }
        if (!answer.ok()) {
            throw PlatformException.of(answer.status() == 429 ? Kind.WINDOW : Kind.TRANSIENT,
                    "Reddit token request answered HTTP " + answer.status(), answer);
        }
        JsonNode body = Json.parse(answer);
        String value = Json.text(body, "access_token");
        if (value == null) {
            throw PlatformException.of(Kind.AUTH, "Reddit gave no access token (" + body.path("error").asText("?")
                    + "); check SOURCES_REDDIT_CLIENT_ID and SOURCES_REDDIT_CLIENT_SECRET");
        }
        Secrets.register(value);
        token = value;
        expires = context.clock().instant().plusSeconds(Math.max(60, body.path("expires_in").asLong(3600) - 60));
        return value;
    }
}
