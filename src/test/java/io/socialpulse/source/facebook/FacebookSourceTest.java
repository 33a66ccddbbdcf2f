package io.socialpulse.source.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.socialpulse.config.FacebookConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.Page;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.source.SourceStatus.State;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Settings;

/** A Facebook page feed against WireMock serving Graph's shapes: opaque paging, usage headers, throttle codes. */
class FacebookSourceTest {

    static final String TOKEN = "EAAGtestFacebookPageToken0123456789";
    static final String PAGE = "104998765432109";
    static final String FEED = "/v25.0/" + PAGE + "/feed";

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    static FacebookConfig settings(String baseUrl) {
        return settings(baseUrl, null, Duration.ofHours(24), Duration.ZERO);
    }

    /** Settings with an app secret (or null), a backfill and a comments window (0s: the feed's comments only). */
    static FacebookConfig settings(String baseUrl, String secret, Duration backfill, Duration commentsWindow) {
        return Settings.sources("SOURCES_FACEBOOK_ACCESS_TOKEN", TOKEN, "SOURCES_FACEBOOK_PAGES", PAGE,
                "SOURCES_FACEBOOK_INTERVAL", "120s", "SOURCES_FACEBOOK_BASE_URL", baseUrl,
                "SOURCES_FACEBOOK_GRAPH_VERSION",
                "v25.0", "SOURCES_FACEBOOK_APP_SECRET", secret, "SOURCES_FACEBOOK_COMMENTS", "true",
                "SOURCES_FACEBOOK_OVERLAP", "10m", "SOURCES_FACEBOOK_BACKFILL", backfill.toString(),
                "SOURCES_FACEBOOK_COMMENTS_WINDOW", commentsWindow.toString()).facebook();
    }

    private FacebookSource source() {
        return new FacebookSource(kit.context(), settings(kit.baseUrl()), PAGE);
    }

    private void answer(String since, String after, int status, String fixture, String... headers) {
        var response = aResponse().withStatus(status).withHeader("content-type", "application/json; charset=UTF-8")
                .withBody(kit.fixture("facebook/" + fixture));
        for (int i = 0; i < headers.length; i += 2) {
            response.withHeader(headers[i], headers[i + 1]);
        }
        kit.platform.stubFor(get(urlPathEqualTo(FEED)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("since", since == null ? absent() : equalTo(since))
                .withQueryParam("after", after == null ? absent() : equalTo(after))
                .willReturn(response));
    }

    private int requests() {
        return kit.platform.findAll(getRequestedFor(urlPathEqualTo(FEED))).size();
    }

    @Test
    void followsPagingNextAndStartsTheNextRunAtTheNewestPostLessTheOverlap() {
        answer("1777544400", null, 200, "feed-page1.json", "x-business-use-case-usage",
                "{\"" + PAGE + "\":[{\"type\":\"pages\",\"call_count\":3,\"total_cputime\":1,\"total_time\":1,"
                        + "\"estimated_time_to_regain_access\":0}]}");
        answer(null, "QVFIUmZAXS2x1eEF", 200, "feed-page2.json");
        answer("1777629930", null, 200, "feed-newer.json");
        FacebookSource source = source();
        SourceStatus status = PlatformKit.watch(source);

        Page first = PlatformKit.pollAndCommit(source);
        assertTrue(first.more());
        assertFalse(kit.storedCursor(source).contains(TOKEN), "the token in paging.next is not stored");
        assertTrue(kit.storedCursor(source).contains("after=QVFIUmZAXS2x1eEF"), kit.storedCursor(source));
        Page second = PlatformKit.pollAndCommit(source);
        assertFalse(second.more());
        assertTrue(
                kit.storedCursor(source).startsWith(
                        "{\"since\":1777630530,\"recent\":{\"104998765432109_987654321098765\":1777630530,"),
                kit.storedCursor(source));
        Page third = PlatformKit.pollAndCommit(source);

        List<Post> posts = new ArrayList<>(first.posts());
        posts.addAll(second.posts());
        assertEquals(List.of("facebook:104998765432109_987654321098765", "facebook:987654321098765_111222333444555",
                "facebook:104998765432109_987654321098700", "facebook:104998765432109_987654321098600"),
                posts.stream().map(Post::id).toList());
        Post post = posts.get(0);
        assertEquals("post", post.kind());
        assertEquals(List.of("acme", "spring"), post.hashtags());
        assertEquals(57L, post.metrics().get("likes"));
        assertEquals(3L, post.metrics().get("shares"));
        assertEquals(12L, post.metrics().get("replies"));
        assertEquals("Acme", post.author().handle());
        assertEquals("comment", posts.get(1).kind());
        assertEquals("Jane Doe", posts.get(1).author().displayName());
        assertEquals("Acme updated their cover photo.", posts.get(2).text(), "a post without message keeps its story");
        assertEquals(List.of("facebook:104998765432109_987654321098999"), third.posts().stream().map(Post::id).toList(),
                "the overlap re-reads a post; the recent-id set drops it");
        assertEquals(1, status.duplicates());
        assertEquals(State.RUNNING, status.state());
    }

    @Test
    void aRestartGoesOnFromTheStoredNextPage() {
        answer("1777544400", null, 200, "feed-page1.json");
        answer(null, "QVFIUmZAXS2x1eEF", 200, "feed-page2.json");
        PlatformKit.pollAndCommit(source());
        Page resumed = PlatformKit.pollAndCommit(source());
        assertEquals(List.of("facebook:104998765432109_987654321098600"),
                resumed.posts().stream().map(Post::id).toList());
        assertEquals(2, requests());
    }

    @Test
    void pageThrottlingParksForTheTimeGraphGives() {
        answer("1777544400", null, 400, "code-80001.json", "x-business-use-case-usage",
                "{\"" + PAGE + "\":[{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":34,\"total_time\":40,"
                        + "\"estimated_time_to_regain_access\":17}]}");
        FacebookSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.PARKED, status.state());
        assertEquals(kit.clock.instant().plus(Duration.ofMinutes(17)), status.until());
        assertTrue(status.lastError().contains("80001"), status.lastError());
        kit.clock.advance(Duration.ofMinutes(16));
        PlatformKit.pollAndCommit(source);
        assertEquals(1, requests());
    }

    @Test
    void applicationAndPageLimitsWithoutARegainTimeParkForTheConfiguredTime() {
        for (String fixture : List.of("code-4.json", "code-32.json")) {
            kit.platform.resetAll();
            answer("1777544400", null, fixture.equals("code-4.json") ? 400 : 403, fixture);
            FacebookSource source = source();
            SourceStatus status = PlatformKit.watch(source);
            PlatformKit.pollAndCommit(source);
            assertEquals(State.PARKED, status.state(), fixture);
            assertEquals(kit.clock.instant().plus(Duration.ofHours(1)), status.until(), fixture);
        }
    }

    @Test
    void aParkedPageDoesNotStopAnotherPage() {
        answer("1777544400", null, 400, "code-80001.json");
        kit.platform.stubFor(get(urlPathEqualTo("/v25.0/200000000000001/feed"))
                .willReturn(aResponse().withHeader("content-type", "application/json")
                        .withBody(kit.fixture("facebook/feed-page2.json"))));
        var context = kit.context();
        FacebookSource parked = new FacebookSource(context, settings(kit.baseUrl()), PAGE);
        FacebookSource other = new FacebookSource(context, settings(kit.baseUrl()), "200000000000001");
        SourceStatus parkedStatus = PlatformKit.watch(parked);
        SourceStatus otherStatus = PlatformKit.watch(other);
        PlatformKit.pollAndCommit(parked);
        assertEquals(1, PlatformKit.pollAndCommit(other).posts().size());
        assertEquals(State.PARKED, parkedStatus.state());
        assertEquals(State.RUNNING, otherStatus.state());
    }

    @Test
    void fullUsageOnASuccessfulAnswerKeepsThePageAndParks() {
        answer("1777544400", null, 200, "feed-page2.json", "x-app-usage",
                "{\"call_count\":100,\"total_cputime\":20,\"total_time\":25}");
        FacebookSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        assertEquals(1, PlatformKit.pollAndCommit(source).posts().size());
        assertEquals(State.PARKED, status.state());
    }

    @Test
    void aMissingObjectIsASettingToCheckNamingThePageAndThePermission() {
        answer("1777544400", null, 400, "code-100-33.json");
        FacebookSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.FAILING, status.state(), "tried again with a growing wait, never parked as a throttle");
        assertTrue(status.lastError().contains("page " + PAGE), status.lastError());
        assertTrue(status.lastError().contains("pages_read_engagement"), status.lastError());
        assertTrue(kit.quarantined().isEmpty());
    }

    @Test
    void aCodeNotKnownHereReadsByItsStatusAsEveryPlatformsDoes() {
        answer("1777544400", null, 429, "too-many-requests.json");
        FacebookSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.WAITING, status.state(), "a 429 is a rate window: " + status.lastError());
        assertTrue(status.lastError().contains("#368"), status.lastError());
    }

    @Test
    void anExpiredTokenNamesTheVariable() {
        answer("1777544400", null, 400, "code-190.json");
        FacebookSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.FAILING, status.state());
        assertTrue(status.lastError().contains("SOURCES_FACEBOOK_ACCESS_TOKEN"), status.lastError());
        assertFalse(status.lastError().contains(TOKEN));
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowedWithTheToken() {
        answer("1777544400", null, 200, "foreign-next.json");
        FacebookSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.FAILING, status.state());
        assertTrue(status.lastError().contains("graph.evil.example"), status.lastError());
        assertEquals(1, kit.quarantined().size());
    }

    @Test
    void aQuarantinedPageIsStoredWithoutAnyAccessToken() {
        answer("1777544400", null, 200, "foreign-next-with-token.json");
        FacebookSource source = source();
        PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        List<String> keys = kit.quarantined();
        assertEquals(1, keys.size());
        String stored = kit.s3.getObjectAsBytes(r -> r.bucket(kit.bucket).key(keys.get(0))).asUtf8String();
        String body = new String(Base64.getDecoder().decode(
                stored.replaceAll("(?s).*\"dataBase64\":\"([^\"]*)\".*", "$1")),
                StandardCharsets.UTF_8);
        assertTrue(body.contains("graph.evil.example"), "the page is kept for a person to read: " + body);
        for (String text : List.of(stored, body)) {
            assertFalse(text.contains(TOKEN), text);
            assertFalse(text.contains("EAAGsomeOtherPageToken99887766"), "a token never configured here: " + text);
        }
    }
}
