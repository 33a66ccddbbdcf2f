package io.socialpulse.source.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.socialpulse.config.MastodonConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.Page;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.source.SourceStatus.State;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.source.kit.RecentIds;
import io.socialpulse.testing.Settings;

/** Mastodon hashtag timelines against WireMock: min_id paging from Link headers, uri dedup, ISO resets. */
public class MastodonSourceTest {

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    public static MastodonConfig settings() {
        return settings(2, Duration.ZERO);
    }

    /** Settings with a page size and a look-back (0s: forward reads only). */
    public static MastodonConfig settings(int pageSize, Duration lookback) {
        return Settings.sources("SOURCES_MASTODON_HASHTAGS", "acme", "SOURCES_MASTODON_INTERVAL", "60s",
                "SOURCES_MASTODON_PAGE_SIZE", Integer.toString(pageSize), "SOURCES_MASTODON_LOOKBACK",
                lookback.toString())
                .mastodon();
    }

    private MastodonSource source(String instancePath, PlatformContext context, RecentIds uris) {
        return new MastodonSource(context, settings(), kit.baseUrl() + instancePath, "acme", uris);
    }

    private void answer(String instancePath, String minId, int status, String fixture, String... headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(fixture == null ? "[]" : kit.fixture("mastodon/" + fixture));
        for (int i = 0; i < headers.length; i += 2) {
            response.withHeader(headers[i], headers[i + 1]);
        }
        kit.platform.stubFor(get(urlPathEqualTo(instancePath + "/api/v1/timelines/tag/acme"))
                .withQueryParam("min_id", minId == null ? absent() : equalTo(minId)).willReturn(response));
    }

    private static String link(String base, String newest) {
        return "<" + base + "/api/v1/timelines/tag/acme?limit=2&max_id=114400000000000101>; rel=\"next\", <" + base
                + "/api/v1/timelines/tag/acme?limit=2&min_id=" + newest + ">; rel=\"prev\"";
    }

    @Test
    void takesTheNewestPageThenEverythingAfterItUntilAShortPage() {
        String base = kit.baseUrl() + "/one";
        answer("/one", null, 200, "tag-first.json", "Link", link(base, "114400000000000123"), "X-RateLimit-Limit",
                "300", "X-RateLimit-Remaining", "297", "X-RateLimit-Reset", "2026-05-01T10:25:00.000000Z");
        answer("/one", "114400000000000123", 200, "tag-after.json", "Link", link(base, "114400000000000125"));
        answer("/one", "114400000000000125", 200, null);
        MastodonSource source = source("/one", kit.context(), new RecentIds(100));

        Page first = PlatformKit.pollAndCommit(source);
        assertFalse(first.more(), "the first poll takes the newest page only");
        Page second = PlatformKit.pollAndCommit(source);
        assertTrue(second.more(), "a full page after the cursor: more are waiting");
        Page third = PlatformKit.pollAndCommit(source);
        assertEquals(List.of(), third.posts());
        assertEquals("{\"min\":\"114400000000000125\"}", kit.storedCursor(source));

        Post jane = first.posts().get(0);
        assertEquals("mastodon:https://fosstodon.example/users/jane/statuses/114399999000000001", jane.id());
        assertEquals("114400000000000123", jane.nativeId());
        assertEquals("Just tried #acme, great so far! @support", jane.text());
        assertEquals(List.of("acme"), jane.hashtags());
        assertEquals(List.of("support@acme.social"), jane.mentions());
        assertEquals("jane@fosstodon.example", jane.author().handle());
        assertEquals(4L, jane.metrics().get("likes"));
        Post max = first.posts().get(1);
        assertEquals("Mein #Acme Paket kam & funktioniert <3\n\nZweiter Absatz", max.text(), "a paragraph is its own");
        assertEquals("max@mastodon.example", max.author().handle(), "a local handle gets its instance");
        assertEquals(List.of("acme"), max.hashtags());
        assertEquals("reply", max.kind());
        assertEquals("de", max.lang());
        assertEquals("review\nLong #acme review\n5 stars", second.posts().get(0).text(),
                "a content warning is kept ahead of the text");
    }

    @Test
    void aStatusSeenThroughTwoInstancesIsCollectedOnce() {
        answer("/one", null, 200, "tag-first.json");
        answer("/two", null, 200, "tag-first.json");
        RecentIds uris = new RecentIds(100);
        PlatformContext context = kit.context();
        MastodonSource one = source("/one", context, uris);
        MastodonSource two = source("/two", context, uris);
        SourceStatus status = PlatformKit.watch(two);
        assertEquals(2, PlatformKit.pollAndCommit(one).posts().size());
        assertEquals(List.of(), PlatformKit.pollAndCommit(two).posts());
        assertEquals(2, status.duplicates());
    }

    @Test
    void aUsedUpLimitWaitsForTheIsoResetTime() {
        answer("/one", null, 429, "too-many-requests.json", "X-RateLimit-Limit", "300", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", "2026-05-01T10:25:00.123456Z");
        MastodonSource source = source("/one", kit.context(), new RecentIds(100));
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.WAITING, status.state());
        Instant reset = Instant.parse("2026-05-01T10:25:00.123456Z");
        assertTrue(!status.until().isBefore(reset) && status.until().isBefore(reset.plusSeconds(2)),
                "" + status.until());
    }

    @Test
    void anUnknownTagAndASignInWallAreReportedPlainly() {
        answer("/one", null, 404, "not-found.json");
        MastodonSource unknown = source("/one", kit.context(), new RecentIds(100));
        SourceStatus status = PlatformKit.watch(unknown);
        PlatformKit.pollAndCommit(unknown);
        assertEquals(State.FAILING, status.state());
        assertTrue(status.lastError().contains("knows no hashtag #acme"), status.lastError());

        kit.platform.resetAll();
        answer("/one", null, 401, "unauthorized.json");
        MastodonSource walled = source("/one", kit.context(), new RecentIds(100));
        SourceStatus walledStatus = PlatformKit.watch(walled);
        PlatformKit.pollAndCommit(walled);
        assertTrue(walledStatus.lastError().contains("SOURCES_MASTODON_INSTANCES"), walledStatus.lastError());
    }

    @Test
    void aMinIdThatIsNoIdIsNeitherStoredNorSent() {
        String base = kit.baseUrl() + "/bad";
        String bad = "<" + base + "/api/v1/timelines/tag/acme?limit=2&min_id=1%20OR%20x#frag>; rel=\"prev\"";
        answer("/bad", null, 200, "tag-first.json", "Link", bad);
        answer("/bad", "114400000000000123", 200, null);
        MastodonSource source = source("/bad", kit.context(), new RecentIds(100));
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertFalse(kit.storedCursor(source).contains("OR"), kit.storedCursor(source));
        PlatformKit.pollAndCommit(source);
        assertEquals(SourceStatus.State.RUNNING, status.state(), String.valueOf(status.lastError()));
    }
}
