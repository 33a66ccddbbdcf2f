package io.socialpulse.source.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.http.Fault;

import io.socialpulse.config.XConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.Page;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.source.SourceStatus.State;
import io.socialpulse.source.kit.FileCursorStore;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Settings;

/** X recent search against WireMock serving X's shapes: paging, cursors, throttles, caps and bad pages. */
public class XSourceTest {

    static final String TOKEN = "AAAAAAAAAAAAAAAAAAAAAxTestBearerToken0123456789";
    static final String QUERY = "#acme -is:retweet";
    static final String NEWEST = "2050157152957366395";

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    private XSource source() {
        return new XSource(kit.context(), settings(kit.baseUrl()), QUERY);
    }

    /** The settings of these tests, with {@code more} variables (name, value...) set or overridden. */
    public static XConfig settings(String baseUrl, String... more) {
        List<String> variables = new ArrayList<>(List.of("SOURCES_X_BEARER_TOKEN", TOKEN, "SOURCES_X_QUERIES", QUERY,
                "SOURCES_X_BASE_URL", baseUrl));
        variables.addAll(List.of(more));
        return Settings.sources(variables.toArray(String[]::new)).x();
    }

    private void answer(String since, String nextToken, int status, String fixture, String... headers) {
        var response = aResponse().withStatus(status).withHeader("content-type", "application/json; charset=utf-8")
                .withBody(kit.fixture("x/" + fixture));
        for (int i = 0; i < headers.length; i += 2) {
            response.withHeader(headers[i], headers[i + 1]);
        }
        kit.platform.stubFor(get(urlPathEqualTo("/2/tweets/search/recent"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("query", equalTo(QUERY))
                .withQueryParam("since_id", since == null ? absent() : equalTo(since))
                .withQueryParam("next_token", nextToken == null ? absent() : equalTo(nextToken))
                .willReturn(response));
    }

    private int requests() {
        return kit.platform.findAll(getRequestedFor(urlPathEqualTo("/2/tweets/search/recent"))).size();
    }

    @Test
    void followsNextTokenToTheLastPageThenAsksOnlyForNewerPosts() {
        answer(null, null, 200, "page1.json", "x-rate-limit-limit", "450", "x-rate-limit-remaining", "449",
                "x-rate-limit-reset", "1777631400");
        answer(null, "b26v89c19zqg8o3fosbr3j7wd4d0c7ggk6ztgp5y0pplp", 200, "page2.json");
        answer(NEWEST, null, 200, "newer.json");
        XSource source = source();
        SourceStatus status = PlatformKit.watch(source);

        Page first = PlatformKit.pollAndCommit(source);
        assertTrue(first.more(), "a next_token means another page now");
        Page second = PlatformKit.pollAndCommit(source);
        assertFalse(second.more());
        assertEquals("{\"since\":\"" + NEWEST + "\"}", kit.storedCursor(source),
                "after the run the cursor is the first page's newest_id");
        Page third = PlatformKit.pollAndCommit(source);

        List<Post> posts = new ArrayList<>(first.posts());
        posts.addAll(second.posts());
        posts.addAll(third.posts());
        assertEquals(List.of("x:" + NEWEST, "x:2050156783858614395", "x:2050153801708470395", "x:2050160990745526395"),
                posts.stream().map(Post::id).toList());
        Post jane = posts.get(0);
        assertEquals("janedoe", jane.author().handle());
        assertEquals(210L, jane.author().followers());
        assertEquals("https://x.com/janedoe/status/" + NEWEST, jane.url());
        assertEquals(List.of("acme"), jane.hashtags());
        assertEquals(List.of("acmesupport"), jane.mentions());
        assertEquals(List.of("https://acme.example/release"), jane.urls());
        assertEquals(10L, jane.metrics().get("likes"));
        assertEquals(340L, jane.metrics().get("views"));
        assertEquals(Instant.parse("2026-05-01T10:15:30Z"), jane.createdAt());
        assertEquals(List.of(QUERY), jane.match().queries());
        assertEquals(NEWEST, jane.raw().get("id").asText(), "the tweet is kept verbatim");
        assertEquals(List.of("acme"), posts.get(1).hashtags(), "tags are counted in lower case");
        assertEquals("reply", posts.get(1).kind());
        assertEquals("repost", posts.get(2).kind());
        String firstQuery = kit.platform.findAll(getRequestedFor(urlPathEqualTo("/2/tweets/search/recent"))).get(0)
                .getUrl();
        assertTrue(firstQuery.contains("start_time=2026-05-01T09%3A20%3A00Z"), firstQuery);
        assertTrue(firstQuery.contains("expansions=author_id"), firstQuery);
        assertEquals(State.RUNNING, status.state());
    }

    @Test
    void anEmptyResultHasNoDataKeyAndKeepsTheCursor() {
        answer(null, null, 200, "page2.json");
        XSource source = source();
        PlatformKit.pollAndCommit(source);
        answer("2050153801708470395", null, 200, "empty.json");
        Page empty = PlatformKit.pollAndCommit(source);
        assertEquals(List.of(), empty.posts());
        assertEquals("{\"since\":\"2050153801708470395\"}", kit.storedCursor(source));
    }

    @Test
    void aRestartInTheMiddleOfARunGoesOnWithTheNextPage() {
        answer(null, null, 200, "page1.json");
        answer(null, "b26v89c19zqg8o3fosbr3j7wd4d0c7ggk6ztgp5y0pplp", 200, "page2.json");
        XSource before = source();
        List<String> ids = new ArrayList<>(PlatformKit.pollAndCommit(before).posts().stream().map(Post::id).toList());

        XSource after = source(); // a new process: new governor, same cursor store
        ids.addAll(PlatformKit.pollAndCommit(after).posts().stream().map(Post::id).toList());
        answer(NEWEST, null, 200, "empty.json");
        ids.addAll(PlatformKit.pollAndCommit(after).posts().stream().map(Post::id).toList());

        assertEquals(List.of("x:" + NEWEST, "x:2050156783858614395", "x:2050153801708470395"), ids,
                "every post once, none twice");
        assertEquals(3, requests());
    }

    @Test
    void anUncommittedPageIsFetchedAgainAndItsPostsAreNotDropped() {
        answer(null, null, 200, "page2.json");
        XSource source = source();
        Page refused = PlatformKit.poll(source); // Kinesis did not accept it: no commit
        Page again = PlatformKit.pollAndCommit(source);
        assertEquals(refused.posts().stream().map(Post::id).toList(), again.posts().stream().map(Post::id).toList());
    }

    @Test
    void aUsedUpWindowWaitsForItsResetWithoutAnotherRequest() {
        Instant reset = kit.clock.instant().plusSeconds(120);
        answer(null, null, 429, "too-many-requests.json", "x-rate-limit-limit", "450", "x-rate-limit-remaining", "0",
                "x-rate-limit-reset", Long.toString(reset.getEpochSecond()));
        XSource source = source();
        SourceStatus status = PlatformKit.watch(source);

        assertEquals(List.of(), PlatformKit.pollAndCommit(source).posts());
        assertEquals(State.WAITING, status.state());
        assertTrue(!status.until().isBefore(reset) && status.until().isBefore(reset.plusSeconds(2)),
                "" + status.until());
        kit.clock.advance(Duration.ofSeconds(60));
        PlatformKit.pollAndCommit(source);
        assertEquals(1, requests(), "no request before the reset");

        answer(null, null, 200, "page2.json");
        kit.clock.advance(Duration.ofSeconds(62));
        assertEquals(1, PlatformKit.pollAndCommit(source).posts().size());
        assertEquals(State.RUNNING, status.state());
    }

    @Test
    void theLastRequestOfAWindowMakesTheSourceWaitBeforeTheNext() {
        Instant reset = kit.clock.instant().plusSeconds(300);
        answer(null, null, 200, "page2.json", "x-rate-limit-remaining", "0", "x-rate-limit-reset",
                Long.toString(reset.getEpochSecond()));
        XSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        assertEquals(1, PlatformKit.pollAndCommit(source).posts().size(), "the page itself is kept");
        assertEquals(State.WAITING, status.state());
        PlatformKit.pollAndCommit(source);
        assertEquals(1, requests());
    }

    @Test
    void aUsageCapParksTheSourceEvenWhenTheHeadersShowBudget() {
        answer(null, null, 429, "usage-capped.json", "x-rate-limit-remaining", "440", "x-rate-limit-reset",
                Long.toString(kit.clock.instant().plusSeconds(600).getEpochSecond()));
        XSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.PARKED, status.state());
        assertEquals(kit.clock.instant().plus(Duration.ofHours(1)), status.until());
        assertTrue(status.lastError().contains("usage cap"), status.lastError());
        kit.clock.advance(Duration.ofMinutes(30));
        PlatformKit.pollAndCommit(source);
        assertEquals(1, requests(), "a parked source does not hammer the API");
        kit.clock.advance(Duration.ofMinutes(31));
        PlatformKit.pollAndCommit(source);
        assertEquals(2, requests(), "it tries again on the slow schedule");
    }

    @Test
    void aRefusedTokenIsReportedByVariableNeverByValue() {
        answer(null, null, 401, "unauthorized.json");
        XSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.FAILING, status.state());
        assertTrue(status.lastError().contains("SOURCES_X_BEARER_TOKEN"), status.lastError());
        assertFalse(status.lastError().contains(TOKEN));
        assertTrue(status.until().isAfter(kit.clock.instant().plusSeconds(29)), "a refused token backs off slowly");
    }

    @Test
    void aRefusedSinceIdFallsBackToStartTime() {
        String recent = "2050153801708470395";
        answer(null, null, 200, "page2.json");
        XSource source = source();
        PlatformKit.pollAndCommit(source);
        answer(recent, null, 400, "invalid-since-id.json");
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.FAILING, status.state());

        answer(null, null, 200, "newer.json");
        kit.clock.advance(Duration.ofSeconds(61));
        assertEquals(1, PlatformKit.pollAndCommit(source).posts().size());
        String last = kit.platform.findAll(getRequestedFor(urlPathEqualTo("/2/tweets/search/recent"))).get(2).getUrl();
        assertTrue(last.contains("start_time=2026-04-24T10%3A"), last);
        assertFalse(last.contains("since_id"), last);
    }

    @Test
    void aCursorOlderThanSevenDaysIsNotSentAsSinceId() {
        answer(null, null, 200, "page2.json");
        XSource source = source();
        PlatformKit.pollAndCommit(source);
        kit.clock.advance(Duration.ofDays(8));
        answer(null, null, 200, "empty.json");
        PlatformKit.pollAndCommit(source);
        String last = kit.platform.findAll(getRequestedFor(urlPathEqualTo("/2/tweets/search/recent"))).get(1).getUrl();
        assertFalse(last.contains("since_id"), last);
        assertTrue(last.contains("start_time=2026-05-02T10%3A2"), last);
    }

    /** A source that has read and committed one page, so that a cursor is stored. */
    private XSource sourceWithACommittedPage() {
        answer(null, null, 200, "page2.json");
        XSource source = source();
        PlatformKit.pollAndCommit(source);
        return source;
    }

    @Test
    void aMalformedPageIsQuarantinedAndTheCursorStaysBeforeIt() {
        XSource source = sourceWithACommittedPage();
        String cursor = kit.storedCursor(source);
        SourceStatus status = PlatformKit.watch(source);

        answer("2050153801708470395", null, 200, "truncated.json");
        assertEquals(List.of(), PlatformKit.pollAndCommit(source).posts());
        assertEquals(State.FAILING, status.state());
        assertEquals(cursor, kit.storedCursor(source));
        kit.clock.advance(Duration.ofSeconds(61));
        answer("2050153801708470395", null, 200, "missing-created-at.json");
        PlatformKit.pollAndCommit(source);
        assertEquals(cursor, kit.storedCursor(source));

        List<String> quarantined = kit.quarantined();
        assertEquals(2, quarantined.size(), quarantined.toString());
        String letter = kit.s3.getObjectAsBytes(r -> r.bucket(kit.bucket).key(quarantined.get(0))).asUtf8String();
        assertTrue(letter.contains("not JSON") || letter.contains("created_at"), letter);
        assertEquals(2, status.quarantined());

        kit.clock.advance(Duration.ofMinutes(5));
        answer("2050153801708470395", null, 200, "newer.json");
        assertEquals(1, PlatformKit.pollAndCommit(source).posts().size(), "the source keeps running");
        assertEquals(State.RUNNING, status.state());
    }

    @Test
    void aPageThatStaysMalformedIsRetriedSlowlyAndQuarantinedOnce() {
        XSource source = sourceWithACommittedPage();
        String cursor = kit.storedCursor(source);
        SourceStatus status = PlatformKit.watch(source);
        answer("2050153801708470395", null, 200, "truncated.json");
        Instant previous = kit.clock.instant();
        for (int i = 0; i < 12; i++) {
            PlatformKit.pollAndCommit(source);
            assertEquals(State.FAILING, status.state());
            assertTrue(!status.until().isAfter(kit.clock.instant().plus(Duration.ofMinutes(15))), "at most 15 min");
            assertTrue(i < 3 || status.until().isAfter(previous), "the wait grows, then holds");
            previous = status.until();
            kit.clock.advance(Duration.between(kit.clock.instant(), status.until()).plusSeconds(1));
        }
        assertTrue(status.lastError().contains("12 times in a row"), status.lastError());
        assertEquals(cursor, kit.storedCursor(source), "the cursor never skips what was not read");
        assertEquals(1, kit.quarantined().size(), "the same answer is stored once, not at every try");
    }

    @Test
    void anAnswerPastTheSizeCapIsRefusedWithoutReadingItAll() {
        kit.platform.stubFor(get(urlPathEqualTo("/2/tweets/search/recent")).willReturn(aResponse()
                .withHeader("content-type", "application/json")
                .withBody("{\"data\":[" + "{}, ".repeat(600_000) + "{}]}")));
        XSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        assertEquals(List.of(), PlatformKit.pollAndCommit(source).posts());
        assertEquals(State.FAILING, status.state());
        assertTrue(status.lastError().contains("SOURCES_MAX_RESPONSE_BYTES"), status.lastError());
    }

    @Test
    void cursorsInALocalDirectorySurviveARestartToo() throws Exception {
        Path dir = Files.createTempDirectory("cursors");
        answer(null, null, 200, "page1.json");
        answer(null, "b26v89c19zqg8o3fosbr3j7wd4d0c7ggk6ztgp5y0pplp", 200, "page2.json");
        PlatformContext context = kit.context();
        var local = new PlatformContext(context.http(), context.governor(),
                new FileCursorStore(dir), context.deadLetters(), 100);
        PlatformKit.pollAndCommit(new XSource(local, settings(kit.baseUrl()), QUERY));
        Page resumed = PlatformKit.pollAndCommit(new XSource(local, settings(kit.baseUrl()), QUERY));
        assertEquals(List.of("x:2050153801708470395"), resumed.posts().stream().map(Post::id).toList());
        assertTrue(Files.readString(dir.resolve(source().id() + ".json")).contains(NEWEST));
    }

    @Test
    void aRetryAfterOnAnOutageIsTheLeastTheSourceWaits() {
        kit.platform.stubFor(get(urlPathEqualTo("/2/tweets/search/recent"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "600")));
        XSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(kit.clock.instant().plusSeconds(600), status.until());
    }

    @Test
    void aBogusResetHeaderNeitherThrowsNorParksTheSourceForAges() {
        for (String reset : List.of("99999999999999999", "4102444800000", "-5", "soon")) {
            kit.platform.resetAll();
            answer(null, null, 429, "too-many-requests.json", "x-rate-limit-remaining", "0", "x-rate-limit-reset",
                    reset);
            XSource source = new XSource(kit.context(), settings(kit.baseUrl()), QUERY);
            SourceStatus status = PlatformKit.watch(source);
            PlatformKit.pollAndCommit(source);
            assertEquals(State.WAITING, status.state(), "reset " + reset + ": " + status.lastError());
            assertTrue(!status.until().isAfter(kit.clock.instant().plus(Duration.ofHours(25))),
                    "reset " + reset + " waits until " + status.until());
        }
    }

    @Test
    void queriesOnTheSameTokenShareTheWindowAndOtherTokensDoNot() {
        Instant reset = kit.clock.instant().plusSeconds(300);
        answer(null, null, 429, "too-many-requests.json", "x-rate-limit-remaining", "0", "x-rate-limit-reset",
                Long.toString(reset.getEpochSecond()));
        var context = kit.context();
        XSource acme = new XSource(context, settings(kit.baseUrl()), QUERY);
        XSource other = new XSource(context, settings(kit.baseUrl()), "#other");
        SourceStatus otherStatus = PlatformKit.watch(other);
        PlatformKit.pollAndCommit(acme);
        PlatformKit.pollAndCommit(other);
        assertEquals(1, kit.platform.findAll(getRequestedFor(urlPathEqualTo("/2/tweets/search/recent"))).size(),
                "the second query does not spend a request the window does not have");
        assertEquals(State.WAITING, otherStatus.state());

        XConfig second = settings(kit.baseUrl(), "SOURCES_X_BEARER_TOKEN",
                "AAAAAAAAAAAAAAAAAAAAAsecondAppToken987654321");
        PlatformKit.pollAndCommit(new XSource(context, second, QUERY));
        assertEquals(2, kit.platform.findAll(getRequestedFor(urlPathEqualTo("/2/tweets/search/recent"))).size(),
                "another app's token has its own window");
    }

    @Test
    void anOutageBacksOffAndRecovers() {
        kit.platform.stubFor(get(urlPathEqualTo("/2/tweets/search/recent"))
                .willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));
        XSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.FAILING, status.state());
        assertTrue(status.lastError().contains("503"), status.lastError());

        kit.platform.resetAll();
        kit.platform.stubFor(get(urlPathEqualTo("/2/tweets/search/recent"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        kit.clock.advance(Duration.ofMinutes(10));
        PlatformKit.pollAndCommit(source);
        assertEquals(State.FAILING, status.state());
        assertTrue(status.lastError().contains("failed"), status.lastError());

        kit.platform.resetAll();
        answer(null, null, 200, "page2.json");
        kit.clock.advance(Duration.ofMinutes(10));
        assertEquals(1, PlatformKit.pollAndCommit(source).posts().size());
        assertEquals(State.RUNNING, status.state());
    }
}
