package io.socialpulse.source.youtube;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.socialpulse.config.YoutubeConfig;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.source.SourceStatus.State;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.source.youtube.YoutubeSource.Follows;
import io.socialpulse.testing.Settings;

/** YouTube comment threads and search against WireMock, with the daily quota counted on our side. */
class YoutubeSourceTest {

    static final String KEY = "AIzaSyTestYoutubeKey0123456789abcdef";
    static final String THREADS = "/youtube/v3/commentThreads";

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    private YoutubeConfig settings(int searches) {
        return settings(searches, false);
    }

    private YoutubeConfig settings(int searches, boolean details) {
        String base = kit.baseUrl();
        return Settings.sources("SOURCES_YOUTUBE_API_KEY", KEY, "SOURCES_YOUTUBE_VIDEOS", "abc123XYZ00",
                "SOURCES_YOUTUBE_QUERIES", "acme", "SOURCES_YOUTUBE_COMMENTS_INTERVAL", "5m",
                "SOURCES_YOUTUBE_SEARCH_INTERVAL", "30m", "SOURCES_YOUTUBE_DAILY_UNITS", "10000",
                "SOURCES_YOUTUBE_DAILY_SEARCHES", Integer.toString(searches), "SOURCES_YOUTUBE_BASE_URL", base,
                "SOURCES_YOUTUBE_VIDEO_DETAILS", Boolean.toString(details)).youtube();
    }

    private YoutubeSource source(Follows follows, String target, int searches) {
        YoutubeConfig settings = settings(searches);
        return new YoutubeSource(kit.context(), settings,
                new YoutubeQuota(kit.clock, settings.dailyUnits(), settings.dailySearches()), follows, target);
    }

    private void answer(String path, String pageToken, int status, String fixture) {
        kit.platform.stubFor(get(urlPathEqualTo(path)).withQueryParam("key", equalTo(KEY))
                .withQueryParam("pageToken", pageToken == null ? absent() : equalTo(pageToken))
                .willReturn(aResponse().withStatus(status).withHeader("content-type", "application/json; charset=UTF-8")
                        .withBody(kit.fixture("youtube/" + fixture))));
    }

    @Test
    void takesTheNewestCommentsThenOnlyNewerOnes() {
        answer(THREADS, null, 200, "threads-page1.json");
        YoutubeSource source = source(Follows.VIDEO, "abc123XYZ00", 100);
        List<Post> first = PlatformKit.pollAndCommit(source).posts();
        assertEquals(List.of("youtube:UgxAbCdEf", "youtube:UgyZzYyXx"), first.stream().map(Post::id).toList());
        assertEquals("{\"since\":\"2026-05-01T10:15:30Z\"}", kit.storedCursor(source));
        Post love = first.get(0);
        assertEquals(List.of("acme"), love.hashtags());
        assertEquals(3L, love.metrics().get("likes"));
        assertEquals("@viewer1", love.author().handle());
        assertEquals("https://www.youtube.com/watch?v=abc123XYZ00&lc=UgxAbCdEf", love.url());

        kit.platform.resetAll();
        answer(THREADS, null, 200, "threads-newer.json");
        List<Post> newer = PlatformKit.pollAndCommit(source).posts();
        assertEquals(List.of("youtube:UgzNewOne"), newer.stream().map(Post::id).toList());
        assertEquals(1, kit.platform.findAll(getRequestedFor(urlPathEqualTo(THREADS))).size(),
                "it stops paging at the first comment it already has");
    }

    @Test
    void quotaExceededParksUntilMidnightPacific() {
        answer(THREADS, null, 403, "quota-exceeded.json");
        YoutubeSource source = source(Follows.VIDEO, "abc123XYZ00", 100);
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.PARKED, status.state());
        assertEquals(Instant.parse("2026-05-02T07:00:00Z"), status.until(), "midnight in Los Angeles (PDT)");
        assertFalse(status.lastError().contains(KEY));
    }

    @Test
    void videoDetailsGiveTheWholeDescriptionAndTheTagsForOneUnit() {
        answer("/youtube/v3/search", null, 200, "search-cut.json");
        kit.platform.stubFor(get(urlPathEqualTo("/youtube/v3/videos")).withQueryParam("id", equalTo("D-lhorsDlUQ"))
                .withQueryParam("key", equalTo(KEY))
                .willReturn(aResponse().withHeader("content-type", "application/json")
                        .withBody(kit.fixture("youtube/recorded/videos_info_single.json"))));
        YoutubeQuota quota = new YoutubeQuota(kit.clock, 10_000, 100);
        YoutubeSource source = new YoutubeSource(kit.context(), settings(100, true), quota, Follows.SEARCH, "google");
        Post video = PlatformKit.pollAndCommit(source).posts().get(0);
        assertTrue(video.text().endsWith("https://bit.ly/googledevs"), video.text());
        assertTrue(video.hashtags().containsAll(List.of("aog", "actions on google")), video.hashtags().toString());
        assertTrue(video.urls().contains("http://bit.ly/2YabdS5"));
        assertEquals(1, quota.usedSearches());
        assertEquals(1, quota.usedUnits(), "videos.list costs one unit for up to 50 videos");
    }

    @Test
    void videoStatisticsSentAsTextBecomeMetrics() throws Exception {
        Post search = YoutubeMapper.video(PostCodec.mapper().readTree(
                kit.fixture("youtube/search-cut.json")).path("items").get(0), new Post.Match("y", List.of()),
                Instant.EPOCH, null);
        Post detailed = VideoDetails.apply(search, PostCodec.mapper().readTree(
                "{\"id\":\"D-lhorsDlUQ\",\"statistics\":{\"viewCount\":\"1520\",\"likeCount\":\"31\","
                        + "\"commentCount\":\"4\",\"favoriteCount\":\"0\"}}"));
        assertEquals(Map.of("views", 1520L, "likes", 31L, "replies", 4L), detailed.metrics());
        assertEquals(search.text(), detailed.text(), "no description: the search text stays");
    }

    @Test
    void aShortTermRateLimitIsWaitedOutNotParkedForTheDay() {
        answer(THREADS, null, 403, "rate-limit-exceeded.json");
        YoutubeSource source = source(Follows.VIDEO, "abc123XYZ00", 100);
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.WAITING, status.state(), status.lastError());
        assertTrue(status.until().isBefore(Instant.parse("2026-05-01T11:20:00Z")), "minutes, not until midnight: "
                + status.until());
    }

    @Test
    void aStatusOfAReasonNotKnownHereReadsAsEveryPlatformsDoes() {
        answer(THREADS, null, 429, "too-many-requests.json");
        YoutubeSource source = source(Follows.VIDEO, "abc123XYZ00", 100);
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.WAITING, status.state(), "a 429 is a rate window, whatever the reason: "
                + status.lastError());
        assertTrue(status.lastError().contains("rateLimited"), status.lastError());
    }

    @Test
    void searchesBeyondTheDailyBudgetAreNotMade() {
        answer("/youtube/v3/search", null, 200, "search.json");
        YoutubeSource source = source(Follows.SEARCH, "acme", 2);
        SourceStatus status = PlatformKit.watch(source);
        assertEquals(List.of("youtube:abc123XYZ00"), PlatformKit.pollAndCommit(source).posts().stream().map(Post::id)
                .toList());
        kit.clock.advance(Duration.ofMinutes(30));
        PlatformKit.pollAndCommit(source);
        kit.clock.advance(Duration.ofMinutes(30));
        PlatformKit.pollAndCommit(source);
        assertEquals(2, kit.platform.findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/search"))).size());
        assertEquals(State.PARKED, status.state());
        assertTrue(status.lastError().contains("search budget of 2"), status.lastError());
    }

    @Test
    void disabledCommentsAreReportedPlainly() {
        answer(THREADS, null, 403, "comments-disabled.json");
        YoutubeSource source = source(Follows.VIDEO, "abc123XYZ00", 100);
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.FAILING, status.state());
        assertTrue(status.lastError().contains("comments turned off"), status.lastError());
    }
}
