package io.socialpulse.source.bluesky;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.SourcesConfig;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.platform.HttpAnswer;
import io.socialpulse.source.platform.Json;
import io.socialpulse.source.platform.PlatformContext;
import io.socialpulse.source.platform.PlatformException;
import io.socialpulse.source.platform.PlatformException.Kind;
import io.socialpulse.source.platform.Secrets;

/**
 * One app-password session shared by every Bluesky source. It logs in once
 * ({@code createSession}: 30 logins per 5 minutes per account, so never per poll), renews with the
 * refresh token when the access token expires, and logs in again only if the refresh token has
 * expired too, at most once a minute.
 */
public final class BlueskySession {

    static final Duration MIN_LOGIN_GAP = Duration.ofMinutes(1);

    private final PlatformContext context;
    private final SourcesConfig.Bluesky config;
    private volatile String access;
    private volatile String refresh;
    private volatile Instant lastLogin = Instant.EPOCH;
    private volatile int logins;

    public BlueskySession(PlatformContext context, SourcesConfig.Bluesky config) {
        this.context = context;
        this.config = config;
    }

    /** The access token, logging in first if there is none. */
    public Uni<String> token() {
        String current = access;
        return current != null ? Uni.createFrom().item(current) : login();
    }

    /** The access token was refused as expired: renew it with the refresh token, or log in again. */
    public Uni<String> renew() {
        String refreshToken = refresh;
        access = null;
        if (refreshToken == null) {
            return login();
        }
        return context.http().post(URI.create(config.service() + "/xrpc/com.atproto.server.refreshSession"),
                Map.of("Authorization", "Bearer " + refreshToken), "application/json", new byte[0])
                .chain(answer -> {
                    if (answer.ok()) {
                        return Uni.createFrom().item(store(answer));
                    }
                    refresh = null; // ExpiredToken or revoked: a new login is the only way back
                    return login();
                });
    }

    /** Logins so far, for tests and status. */
    public int logins() {
        return logins;
    }

    private Uni<String> login() {
        Instant now = context.clock().instant();
        if (now.isBefore(lastLogin.plus(MIN_LOGIN_GAP))) {
            return Uni.createFrom().failure(new PlatformException(Kind.WINDOW,
                    "Bluesky session lost again within a minute; waiting before logging in again", lastLogin.plus(
                            MIN_LOGIN_GAP),
                    null));
        }
        lastLogin = now;
        logins++;
        byte[] body;
        try {
            body = PostCodec.mapper().writeValueAsBytes(Map.of("identifier", config.identifier().orElse(""),
                    "password", config.appPassword().orElse("")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return context.http().post(URI.create(config.service() + "/xrpc/com.atproto.server.createSession"), Map.of(),
                "application/json", body).map(answer -> {
                    if (answer.status() == 401 || answer.status() == 400) {
                        throw PlatformException.of(Kind.AUTH, "Bluesky refused the login ("
                                + BlueskySource.error(answer) + "); check SOURCES_BLUESKY_IDENTIFIER and "
                                + "SOURCES_BLUESKY_APP_PASSWORD");
                    }
                    if (answer.status() == 429) {
                        throw PlatformException.of(Kind.WINDOW, "Bluesky limits logins (HTTP 429)", answer);
                    }
                    if (!answer.ok()) {
                        throw PlatformException.of(Kind.TRANSIENT, "Bluesky login answered HTTP " + answer.status(),
                                answer);
                    }
                    return store(answer);
                });
    }

    private String store(HttpAnswer answer) {
        JsonNode body = Json.parse(answer);
        String accessJwt = Json.required(body, "accessJwt", "Bluesky session", answer);
        String refreshJwt = Json.text(body, "refreshJwt");
        Secrets.register(accessJwt);
        Secrets.register(refreshJwt);
        access = accessJwt;
        refresh = refreshJwt;
        return accessJwt;
    }
}
