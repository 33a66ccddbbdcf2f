package io.socialpulse.source.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.socialpulse.config.BlueskyConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.source.SourceStatus.State;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Recorded;

/**
 * Bluesky search as it really answers: a page bskyr recorded, posts indexed late (search filters
 * {@code since} on the earlier of createdAt and indexedAt), tags outside the text, quotes, and a
 * login limit of ten a day.
 */
class BlueskyFidelityTest {

    static final String SEARCH = "/xrpc/app.bsky.feed.searchPosts";
    static final String TOKEN = "eyJhbGciOiJFUzI1NksifQ.access.one";

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    private BlueskyConfig settings() {
        return BlueskySourceTest.settings(kit.baseUrl(), Duration.ofMinutes(15));
    }

    private void login() {
        kit.platform.stubFor(post(urlPathEqualTo("/xrpc/com.atproto.server.createSession"))
                .willReturn(aResponse().withHeader("content-type", "application/json")
                        .withBody(kit.fixture("bluesky/session.json"))));
    }

    private void search(String since, String body) {
        kit.platform
                .stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("since", since == null ? absent() : equalTo(since))
                        .willReturn(aResponse().withHeader("content-type", "application/json").withBody(body)));
    }

    private BlueskySource source() {
        PlatformContext context = kit.context();
        return new BlueskySource(context, settings(), new BlueskySession(context, settings()), "acme");
    }

    static String item(String rkey, String created, String indexed, String recordExtra) {
        return """
                {"uri":"at://did:plc:ann/app.bsky.feed.post/%s","cid":"c","author":{"did":"did:plc:ann",\
                "handle":"ann.bsky.social"},"record":{"$type":"app.bsky.feed.post","text":"acme %s",\
                "createdAt":"%s"%s},"likeCount":1,"indexedAt":"%s"}""".formatted(rkey, rkey, created, recordExtra,
                indexed);
    }

    @Test
    void aRecordedSearchPageIsReadWithItsFacets() {
        login();
        search(null, Recorded.text("bluesky/recorded/searchPosts-5d343d.json"));
        List<Post> posts = PlatformKit.pollAndCommit(source()).posts();

        assertEquals(3, posts.size());
        assertEquals("reply", posts.get(0).kind());
        assertEquals(List
                .of("https://missionlocal.org/2023/12/redistricting-reform-elections-commission-report-supervisors/"),
                posts.get(1).urls(), "the link facet holds the whole address the text shortens");
        Post kagro = posts.get(2);
        assertEquals(List.of("kitm"), kagro.hashtags());
        assertEquals(List.of("did:plc:djsxzf5ivvqy5rwz7w7zyypw"), kagro.mentions());
        assertEquals(4L, kagro.metrics().get("likes"));
        assertEquals(2L, kagro.metrics().get("reposts"));
        assertEquals("https://bsky.app/profile/kagrox.bsky.social/post/3kghldak2fz2o", kagro.url());
    }

    @Test
    void aPostIndexedLateInsideTheLookBackIsCollectedOnceAlsoAcrossARestart() {
        login();
        String first = item("3first", "2026-05-01T10:19:00.000Z", "2026-05-01T10:19:01.000Z", "");
        // Written at 10:15, indexed at 10:19:30: it sorts (and is filtered) by 10:15, before `first`.
        String late = item("3late", "2026-05-01T10:15:00.000Z", "2026-05-01T10:19:30.000Z", "");
        search(null, "{\"posts\":[" + first + "]}");
        search("2026-05-01T10:04:00.000Z", "{\"posts\":[" + late + "," + first + "]}");
        List<String> collected = new ArrayList<>();
        BlueskySource source = source();
        PlatformKit.pollAndCommit(source).posts().forEach(p -> collected.add(p.nativeId()));
        PlatformKit.pollAndCommit(source).posts().forEach(p -> collected.add(p.nativeId()));
        assertEquals(List.of("3first", "3late"), collected);

        BlueskySource restarted = source();
        PlatformKit.pollAndCommit(restarted).posts().forEach(p -> collected.add(p.nativeId()));
        assertEquals(List.of("3first", "3late"), collected, "the overlap is read again and dropped by the cursor");
    }

    @Test
    void tagsOutsideTheTextCountAndAQuoteIsAQuote() {
        login();
        String quote = item("3quote", "2026-05-01T10:19:00.000Z", "2026-05-01T10:19:01.000Z",
                ",\"tags\":[\"launchday\",\"#Acme\"],\"embed\":{\"$type\":\"app.bsky.embed.record\","
                        + "\"record\":{\"uri\":\"at://did:plc:bob/app.bsky.feed.post/3orig\",\"cid\":\"x\"}}");
        search(null, "{\"posts\":[" + quote + "]}");
        Post post = PlatformKit.pollAndCommit(source()).posts().get(0);
        assertEquals("quote", post.kind());
        assertEquals(List.of("launchday", "acme"), post.hashtags());
    }

    @Test
    void aLoginRefusedFor429WaitsForTheResetAndTriesNoOtherLoginBefore() {
        long reset = kit.clock.instant().plus(Duration.ofHours(3)).getEpochSecond();
        kit.platform.stubFor(post(urlPathEqualTo("/xrpc/com.atproto.server.createSession"))
                .willReturn(aResponse().withStatus(429).withHeader("content-type", "application/json")
                        .withHeader("RateLimit-Limit", "10").withHeader("RateLimit-Remaining", "0")
                        .withHeader("RateLimit-Reset", Long.toString(reset))
                        .withHeader("RateLimit-Policy", "10;w=86400")
                        .withBody("{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}")));
        PlatformContext context = kit.context();
        BlueskySession session = new BlueskySession(context, settings());
        BlueskySource source = new BlueskySource(context, settings(), session, "acme");
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.WAITING, status.state());
        assertTrue(!status.until().isBefore(Instant.ofEpochSecond(reset))
                && status.until().isBefore(Instant.ofEpochSecond(reset).plusSeconds(10)),
                "until the host's RateLimit-Reset (and a little jitter), was " + status.until());
        assertTrue(status.lastError().contains("10;w=86400"), status.lastError());

        kit.clock.advance(Duration.ofHours(1)); // past the bucket's own wait, still before the reset
        new BlueskySource(context, settings(), session, "acme").poll().await().atMost(Duration.ofSeconds(20));
        assertEquals(1, kit.platform.findAll(postRequestedFor(urlPathEqualTo(
                "/xrpc/com.atproto.server.createSession"))).size(), "no login before the reset");
    }

    @Test
    void aRefreshThatFailsForAnOutageSpendsNoLogin() {
        login();
        kit.platform.stubFor(get(urlPathEqualTo(SEARCH)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(400).withHeader("content-type", "application/json")
                        .withBody(kit.fixture("bluesky/expired.json"))));
        kit.platform.stubFor(post(urlPathEqualTo("/xrpc/com.atproto.server.refreshSession"))
                .willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        PlatformContext context = kit.context();
        BlueskySession session = new BlueskySession(context, settings());
        BlueskySource source = new BlueskySource(context, settings(), session, "acme");
        for (int i = 0; i < 4; i++) {
            PlatformKit.pollAndCommit(source);
            kit.clock.advance(Duration.ofMinutes(10));
        }
        assertEquals(1, session.logins(), "the refresh token is kept and tried again; no login is spent");
    }
}
