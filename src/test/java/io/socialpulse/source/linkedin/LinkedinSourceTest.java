package io.socialpulse.source.linkedin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.socialpulse.config.LinkedinConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.source.SourceStatus.State;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Settings;

/** LinkedIn organization posts against WireMock: versioned headers, start paging, header-less 429s. */
class LinkedinSourceTest {

    static final String TOKEN = "AQVtestLinkedinMemberToken0123456789";
    static final String ORG = "2414183";

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    static LinkedinConfig settings(String baseUrl) {
        return Settings.sources("SOURCES_LINKEDIN_ACCESS_TOKEN", TOKEN, "SOURCES_LINKEDIN_ORGANIZATIONS", ORG,
                "SOURCES_LINKEDIN_INTERVAL", "15m", "SOURCES_LINKEDIN_BASE_URL", baseUrl, "SOURCES_LINKEDIN_VERSION",
                "202601",
                "SOURCES_LINKEDIN_BACKFILL", "7d", "SOURCES_LINKEDIN_PAGE_SIZE", "2").linkedin();
    }

    private LinkedinSource source() {
        return new LinkedinSource(kit.context(), settings(kit.baseUrl()), ORG);
    }

    private void answer(String start, int status, String fixture) {
        kit.platform.stubFor(get(urlPathEqualTo("/rest/posts"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("LinkedIn-Version", equalTo("202601"))
                .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
                .withQueryParam("author", equalTo("urn:li:organization:" + ORG))
                .withQueryParam("q", equalTo("author"))
                .withQueryParam("start", equalTo(start))
                .willReturn(aResponse().withStatus(status).withHeader("content-type", "application/json")
                        .withBody(fixture == null ? "" : kit.fixture("linkedin/" + fixture))));
    }

    @Test
    void pagesUntilTheLastRunsNewestPostAndThenCollectsOnlyNewerOnes() {
        answer("0", 200, "posts-page1.json");
        answer("2", 200, "posts-page2.json");
        LinkedinSource source = source();
        List<Post> posts = new ArrayList<>(PlatformKit.pollAndCommit(source).posts());
        posts.addAll(PlatformKit.pollAndCommit(source).posts());
        assertEquals("{\"since\":1777630800000}", kit.storedCursor(source));
        assertEquals(List.of("linkedin:urn:li:share:7045020441609936898", "linkedin:urn:li:ugcPost:7045000000000000001",
                "linkedin:urn:li:share:7044900000000000002"), posts.stream().map(Post::id).toList());
        Post shipped = posts.get(0);
        assertEquals(Instant.ofEpochMilli(1777630531000L), shipped.createdAt());
        assertEquals(List.of("acme", "launch"), shipped.hashtags());
        assertEquals("urn:li:organization:" + ORG, shipped.author().nativeId());
        assertEquals("https://www.linkedin.com/feed/update/urn:li:share:7045020441609936898", shipped.url());

        kit.platform.resetAll();
        answer("0", 200, "posts-newer.json");
        List<Post> newer = PlatformKit.pollAndCommit(source).posts();
        assertEquals(List.of("linkedin:urn:li:share:7045100000000000003"), newer.stream().map(Post::id).toList());
        assertEquals(1, kit.platform.findAll(getRequestedFor(urlPathEqualTo("/rest/posts"))).size(),
                "it stops at the first post it already has");
    }

    @Test
    void theDailyThrottleParksUntilMidnightUtc() {
        answer("0", 429, "throttle-limit.json");
        LinkedinSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.PARKED, status.state());
        assertEquals(Instant.parse("2026-05-02T00:00:00Z"), status.until());
    }

    @Test
    void aBareProtective429BacksOffBriefly() {
        answer("0", 429, null);
        LinkedinSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.WAITING, status.state());
        assertTrue(status.until().isBefore(kit.clock.instant().plus(Duration.ofMinutes(6))), "" + status.until());
    }

    @Test
    void anInvalidTokenNamesTheVariable() {
        answer("0", 401, "invalid-token.json");
        LinkedinSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.FAILING, status.state());
        assertTrue(status.lastError().contains("SOURCES_LINKEDIN_ACCESS_TOKEN"), status.lastError());
        assertFalse(status.lastError().contains(TOKEN));
    }
}
