package io.socialpulse.source.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.socialpulse.config.BlueskyConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.source.SourceStatus.State;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Settings;

/** Bluesky search against WireMock: one login, token refresh, inclusive since, the public host's HTML 403. */
class BlueskySourceTest {

    static final String PASSWORD = "abcd-efgh-ijkl-mnop";
    static final String SEARCH = "/xrpc/app.bsky.feed.searchPosts";

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    private BlueskyConfig settings() {
        return settings(kit.baseUrl(), Duration.ZERO);
    }

    /** Settings for a host and a look-back (0s: since the newest post seen). */
    static BlueskyConfig settings(String base, Duration lookback) {
        return Settings.sources("SOURCES_BLUESKY_IDENTIFIER", "pulse.bsky.social", "SOURCES_BLUESKY_APP_PASSWORD",
                PASSWORD, "SOURCES_BLUESKY_QUERIES", "acme", "SOURCES_BLUESKY_SERVICE", base,
                "SOURCES_BLUESKY_LOOKBACK",
                lookback.toString(), "SOURCES_BLUESKY_INTERVAL", "60s").bluesky();
    }

    private void login() {
        kit.platform.stubFor(post(urlPathEqualTo("/xrpc/com.atproto.server.createSession"))
                .withRequestBody(equalTo("{\"identifier\":\"pulse.bsky.social\",\"password\":\"" + PASSWORD + "\"}")
                        .or(equalTo("{\"password\":\"" + PASSWORD + "\",\"identifier\":\"pulse.bsky.social\"}")))
                .willReturn(aResponse().withHeader("content-type", "application/json")
                        .withBody(kit.fixture("bluesky/session.json"))));
    }

    private void answer(String token, String since, int status, String fixture, String contentType) {
        kit.platform.stubFor(get(urlPathEqualTo(SEARCH)).withHeader("Authorization", equalTo("Bearer " + token))
                .withQueryParam("q", equalTo("acme")).withQueryParam("sort", equalTo("latest"))
                .withQueryParam("since", since == null ? absent() : equalTo(since))
                .willReturn(aResponse().withStatus(status).withHeader("content-type", contentType)
                        .withHeader("ratelimit-limit", "3000").withHeader("ratelimit-remaining", "2998")
                        .withHeader("ratelimit-reset", "1777630800").withHeader("ratelimit-policy", "3000;w=300")
                        .withBody(fixture.startsWith("<") ? fixture : kit.fixture("bluesky/" + fixture))));
    }

    @Test
    void logsInOnceAndThenAsksOnlyForNewerPosts() {
        login();
        answer("eyJhbGciOiJFUzI1NksifQ.access.one", null, 200, "search-first.json", "application/json");
        // since is the newest sortAt seen: the earlier of createdAt (10:15:30.123) and indexedAt (10:15:31.456).
        answer("eyJhbGciOiJFUzI1NksifQ.access.one", "2026-05-01T10:15:30.123Z", 200, "search-newer.json",
                "application/json");
        PlatformContext context = kit.context();
        BlueskySession session = new BlueskySession(context, settings());
        BlueskySource source = new BlueskySource(context, settings(), session, "acme");
        SourceStatus status = PlatformKit.watch(source);
        List<Post> first = PlatformKit.pollAndCommit(source).posts();
        List<Post> second = PlatformKit.pollAndCommit(source).posts();
        PlatformKit.pollAndCommit(new BlueskySource(context, settings(), session, "acme"));

        assertEquals(List.of("bluesky:at://did:plc:abc123xyz/app.bsky.feed.post/3lobq2vutsw2b",
                "bluesky:at://did:plc:def456uvw/app.bsky.feed.post/3lobpzzzzzz2a"),
                first.stream().map(Post::id).toList());
        assertEquals(List.of("bluesky:at://did:plc:ghi789/app.bsky.feed.post/3loc0000000aa"),
                second.stream().map(Post::id).toList(), "the inclusive since re-reads the newest post; it is dropped");
        assertEquals(1, session.logins(), "one login for every poll and source");
        Post jane = first.get(0);
        assertEquals(List.of("acme"), jane.hashtags());
        assertEquals(List.of("did:plc:acme000"), jane.mentions());
        assertEquals("https://bsky.app/profile/jane.bsky.social/post/3lobq2vutsw2b", jane.url());
        assertEquals(4L, jane.metrics().get("likes"));
        assertEquals("reply", first.get(1).kind());
        assertEquals(List.of("acme"), second.get(0).hashtags());
        assertEquals(1, status.duplicates());
    }

    @Test
    void anExpiredTokenIsRenewedWithTheRefreshTokenNotALogin() {
        login();
        answer("eyJhbGciOiJFUzI1NksifQ.access.one", null, 400, "expired.json", "application/json");
        kit.platform.stubFor(post(urlPathEqualTo("/xrpc/com.atproto.server.refreshSession"))
                .withHeader("Authorization", equalTo("Bearer eyJhbGciOiJFUzI1NksifQ.refresh.one"))
                .willReturn(aResponse().withHeader("content-type", "application/json")
                        .withBody(kit.fixture("bluesky/refreshed.json"))));
        answer("eyJhbGciOiJFUzI1NksifQ.access.two", null, 200, "search-first.json", "application/json");
        PlatformContext context = kit.context();
        BlueskySession session = new BlueskySession(context, settings());
        BlueskySource source = new BlueskySource(context, settings(), session, "acme");
        assertEquals(2, PlatformKit.pollAndCommit(source).posts().size());
        assertEquals(1, session.logins());
        assertEquals(1,
                kit.platform.findAll(postRequestedFor(urlPathEqualTo("/xrpc/com.atproto.server.refreshSession")))
                        .size());
    }

    @Test
    void anExpiredRefreshTokenLeadsToOneNewLogin() {
        login();
        answer("eyJhbGciOiJFUzI1NksifQ.access.one", null, 401, "auth-missing.json", "application/json");
        kit.platform.stubFor(post(urlPathEqualTo("/xrpc/com.atproto.server.refreshSession")).willReturn(aResponse()
                .withStatus(400).withHeader("content-type", "application/json")
                .withBody(kit.fixture("bluesky/expired.json"))));
        PlatformContext context = kit.context();
        BlueskySession session = new BlueskySession(context, settings());
        BlueskySource source = new BlueskySource(context, settings(), session, "acme");
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.WAITING, status.state(), "a second login within a minute waits instead");
        kit.clock.advance(Duration.ofMinutes(2));
        kit.platform.resetAll();
        login();
        answer("eyJhbGciOiJFUzI1NksifQ.access.one", null, 200, "search-first.json", "application/json");
        assertEquals(2, PlatformKit.pollAndCommit(source).posts().size());
        assertEquals(2, session.logins());
    }

    @Test
    void thePublicHostsHtml403SaysWhereSearchWorks() {
        login();
        answer("eyJhbGciOiJFUzI1NksifQ.access.one", null, 403, "<html><body><h1>403 Forbidden</h1></body></html>",
                "text/html");
        PlatformContext context = kit.context();
        BlueskySource source = new BlueskySource(context, settings(), new BlueskySession(context, settings()), "acme");
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.FAILING, status.state());
        assertTrue(status.lastError().contains("SOURCES_BLUESKY_SERVICE"), status.lastError());
    }

    @Test
    void aRefusedLoginNamesTheVariablesNotThePassword() {
        kit.platform.stubFor(post(urlPathEqualTo("/xrpc/com.atproto.server.createSession")).willReturn(aResponse()
                .withStatus(401).withHeader("content-type", "application/json")
                .withBody(kit.fixture("bluesky/bad-login.json"))));
        PlatformContext context = kit.context();
        BlueskySource source = new BlueskySource(context, settings(), new BlueskySession(context, settings()), "acme");
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.FAILING, status.state());
        assertTrue(status.lastError().contains("SOURCES_BLUESKY_APP_PASSWORD"), status.lastError());
        assertFalse(status.lastError().contains(PASSWORD));
    }
}
