package io.socialpulse.source.bluesky;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.BlueskyConfig;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;
import io.socialpulse.source.kit.Secrets;

/**
 * One app-password session shared by every Bluesky source. It logs in once ({@code createSession}
 * allows 30 logins per 5 minutes and 10 a day per account, {@code RateLimit-Policy: 10;w=86400}),
 * renews with the refresh token when the access token expires, and logs in again only if the
 * refresh token itself is refused: a refresh that fails for any other reason (the host down, a
 * throttle) keeps the refresh token and never spends a login. Logins are at least a minute apart,
 * at most {@value #LOGINS_PER_DAY} in any 24 hours (leaving the account's owner some of the day's
 * ten), and after a login 429 none is tried before the host's {@code RateLimit-Reset}.
 */
public final class BlueskySession {

    static final Duration MIN_LOGIN_GAP = Duration.ofMinutes(1);
    static final int LOGINS_PER_DAY = 8;
    private static final Duration DAY = Duration.ofDays(1);

    private final PlatformContext context;
    private final BlueskyConfig config;
    private volatile String access;
    private volatile String refresh;
    private volatile Instant lastLogin = Instant.EPOCH;
    private volatile int logins;
    private final ArrayDeque<Instant> recentLogins = new ArrayDeque<>();
    private volatile Instant loginsBlockedUntil = Instant.EPOCH;

    public BlueskySession(PlatformContext context, BlueskyConfig config) {
        this.context = context;
        this.config = config;
    }

    /** The access token; renewed with the refresh token if it was refused, a login only if there is neither. */
    public Uni<String> token() {
        String current = access;
        if (current != null) {
            return Uni.createFrom().item(current);
        }
        return refresh != null ? renew() : login();
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
                    if (answer.status() == 400 || answer.status() == 401) {
                        refresh = null; // ExpiredToken or revoked: a new login is the only way back
                        return login();
                    }
                    // A throttle or an outage: the refresh token is still good, try it again later.
                    Instant reset = answer.status() == 429 ? answer.epochSeconds("ratelimit-reset") : null;
                    return Uni.createFrom().failure(new PlatformException(
                            answer.status() == 429 ? Kind.WINDOW : Kind.TRANSIENT,
                            "Bluesky could not refresh the session (HTTP " + answer.status() + ")", reset, answer));
                });
    }

    /** Logins so far, for tests and status. */
    public int logins() {
        return logins;
    }

    private synchronized Uni<String> login() {
        Instant now = context.clock().instant();
        if (now.isBefore(loginsBlockedUntil)) {
            return Uni.createFrom().failure(new PlatformException(Kind.WINDOW,
                    "Bluesky limits logins; no login before " + loginsBlockedUntil, loginsBlockedUntil, null));
        }
        if (now.isBefore(lastLogin.plus(MIN_LOGIN_GAP))) {
            return Uni.createFrom().failure(new PlatformException(Kind.WINDOW,
                    "Bluesky session lost again within a minute; waiting before logging in again", lastLogin.plus(
                            MIN_LOGIN_GAP),
                    null));
        }
        while (!recentLogins.isEmpty() && !recentLogins.peekFirst().plus(DAY).isAfter(now)) {
            recentLogins.pollFirst();
        }
        if (recentLogins.size() >= LOGINS_PER_DAY) {
            Instant next = recentLogins.peekFirst().plus(DAY);
            return Uni.createFrom().failure(new PlatformException(Kind.WINDOW, "Bluesky session lost "
                    + LOGINS_PER_DAY + " times in 24 hours; the next login waits until " + next
                    + " so the account keeps some of its 10 logins a day", next, null));
        }
        recentLogins.addLast(now);
        lastLogin = now;
        logins++;
        byte[] body;
        try {
            body = PostCodec.mapper().writeValueAsBytes(Map.of("identifier", config.identifier().orElse(""),
                    "password", config.appPassword().orElse("")));
        } catch (JsonProcessingException e) {
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
                        Instant reset = answer.epochSeconds("ratelimit-reset");
                        Instant until = reset != null ? reset : answer.retryAfter(context.clock().instant());
                        if (until != null) {
                            loginsBlockedUntil = until;
                        }
                        throw new PlatformException(Kind.WINDOW, "Bluesky limits logins (HTTP 429, "
                                + answer.header("ratelimit-policy").orElse("no policy given") + ")", until, answer);
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
