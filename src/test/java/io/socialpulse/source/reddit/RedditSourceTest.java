package io.socialpulse.source.reddit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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

import io.socialpulse.config.RedditConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.Page;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.source.SourceStatus.State;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Settings;

/** Reddit search against WireMock: app-only token, before-paging, float rate headers, empty-body 429s. */
class RedditSourceTest {

    static final String SECRET = "redditTestClientSecret0123456789";
    static final String AGENT = "linux:io.socialpulse.test:v1.0 (by /u/pulse_test)";

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    private RedditSource source(PlatformContext context) {
        String base = kit.baseUrl();
        RedditConfig settings = Settings.sources("SOURCES_REDDIT_CLIENT_ID", "testClientId",
                "SOURCES_REDDIT_CLIENT_SECRET", SECRET,
                "SOURCES_REDDIT_USER_AGENT", AGENT, "SOURCES_REDDIT_QUERIES", "acme", "SOURCES_REDDIT_INTERVAL", "60s",
                "SOURCES_REDDIT_AUTH_URL", base, "SOURCES_REDDIT_BASE_URL", base).reddit();
        return new RedditSource(context, settings, new RedditToken(context, settings), "acme");
    }

    private void token() {
        kit.platform.stubFor(post(urlPathEqualTo("/api/v1/access_token"))
                .withHeader("Authorization", matching("Basic .+")).withHeader("User-Agent", equalTo(AGENT))
                .withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(aResponse().withHeader("content-type", "application/json")
                        .withBody(kit.fixture("reddit/token.json"))));
    }

    private void answer(String before, int status, String fixture, String... headers) {
        var response = aResponse().withStatus(status).withHeader("content-type", "application/json; charset=UTF-8")
                .withBody(fixture == null ? "" : kit.fixture("reddit/" + fixture));
        for (int i = 0; i < headers.length; i += 2) {
            response.withHeader(headers[i], headers[i + 1]);
        }
        kit.platform.stubFor(get(urlPathEqualTo("/search")).withHeader("Authorization", matching("bearer eyJ.+"))
                .withHeader("User-Agent", equalTo(AGENT)).withQueryParam("q", equalTo("acme"))
                .withQueryParam("sort", equalTo("new"))
                .withQueryParam("before", before == null ? absent() : equalTo(before)).willReturn(response));
    }

    @Test
    void takesTheNewestPageThenWhatCameBeforeItWithOneToken() {
        token();
        answer(null, 200, "search-first.json", "x-ratelimit-used", "12", "x-ratelimit-remaining", "988.0",
                "x-ratelimit-reset", "412");
        answer("t3_1kabcdf", 200, "search-newer.json");
        RedditSource source = source(kit.context());
        Page first = PlatformKit.pollAndCommit(source);
        Page second = PlatformKit.pollAndCommit(source);
        assertEquals(List.of("reddit:t3_1kabcdf", "reddit:t3_1kabcde"), first.posts().stream().map(Post::id).toList());
        assertEquals(List.of("reddit:t3_1kabcdz"), second.posts().stream().map(Post::id).toList());
        assertEquals(1, kit.platform.findAll(postRequestedFor(urlPathEqualTo("/api/v1/access_token"))).size());
        Post question = first.posts().get(0);
        assertEquals("Anyone tried Acme's new widget?\nThinking of buying #acme...", question.text());
        assertEquals(List.of("acme"), question.hashtags());
        assertEquals(15L, question.metrics().get("likes"));
        assertEquals("https://www.reddit.com/r/gadgets/comments/1kabcdf/anyone_tried_acmes_new_widget/",
                question.url());
        assertEquals(List.of("https://acme.example/changelog"), first.posts().get(1).urls(),
                "a link post keeps its link");
        assertTrue(kit.storedCursor(source).startsWith("{\"before\":\"t3_1kabcdz\""), kit.storedCursor(source));
    }

    @Test
    void anEmptyBodied429WaitsForTheResetInSeconds() {
        token();
        answer(null, 429, null, "x-ratelimit-remaining", "0.0", "x-ratelimit-reset", "95");
        RedditSource source = source(kit.context());
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.WAITING, status.state());
        assertTrue(status.until().isAfter(kit.clock.instant().plusSeconds(94)), "" + status.until());
        assertFalse(status.lastError().contains(SECRET));
    }

    @Test
    void aRefusedTokenIsFetchedAgain() {
        token();
        answer(null, 401, null);
        RedditSource source = source(kit.context());
        PlatformKit.pollAndCommit(source);
        kit.clock.advance(Duration.ofMinutes(10));
        PlatformKit.pollAndCommit(source);
        assertEquals(2, kit.platform.findAll(postRequestedFor(urlPathEqualTo("/api/v1/access_token"))).size());
    }

    @Test
    void aDeletedCursorPostIsDetectedByReadingTheNewestPageAgain() {
        token();
        answer(null, 200, "search-first.json");
        answer("t3_1kabcdf", 200, "empty.json"); // the cursor's post was deleted: Reddit answers nothing
        RedditSource source = source(kit.context());
        PlatformKit.pollAndCommit(source);
        for (int i = 0; i < RedditSource.EMPTY_BEFORE_CHECK; i++) {
            assertEquals(List.of(), PlatformKit.pollAndCommit(source).posts());
        }
        kit.platform.stubFor(get(urlPathEqualTo("/search")).withQueryParam("before", absent())
                .willReturn(aResponse().withHeader("content-type", "application/json")
                        .withBody("{\"kind\":\"Listing\",\"data\":{\"children\":["
                                + kit.fixture("reddit/search-newer.json").replaceAll("(?s).*\"children\":\\[", "")
                                        .replaceAll("(?s)]}}\\s*$", "")
                                + "," + kit.fixture("reddit/search-first.json").replaceAll("(?s).*\"children\":\\[", "")
                                        .replaceAll("(?s)]}}\\s*$", "")
                                + "]}}")));
        Page check = PlatformKit.pollAndCommit(source);
        assertEquals(List.of("reddit:t3_1kabcdz"), check.posts().stream().map(Post::id).toList(),
                "only what is newer than the cursor's time");
    }
}
