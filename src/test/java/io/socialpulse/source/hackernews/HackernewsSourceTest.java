package io.socialpulse.source.hackernews;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.socialpulse.post.Post;
import io.socialpulse.source.Page;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.source.SourceStatus.State;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Settings;

/** Hacker News through Algolia against WireMock: time slices, pages, the 1,000-hit cap. */
class HackernewsSourceTest {

    static final String ALL = "created_at_i>=1777627200,created_at_i<1777630740";

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    private HackernewsSource source() {
        String base = kit.baseUrl();
        return new HackernewsSource(kit.context(),
                Settings.sources("SOURCES_HACKERNEWS_QUERIES", "acme", "SOURCES_HACKERNEWS_TAGS",
                        "(story,comment)", "SOURCES_HACKERNEWS_BACKFILL", "1h", "SOURCES_HACKERNEWS_BASE_URL", base)
                        .hackernews(),
                "acme");
    }

    private void answer(String filters, int page, int status, String fixture) {
        kit.platform.stubFor(get(urlPathEqualTo("/api/v1/search_by_date")).withQueryParam("query", equalTo("acme"))
                .withQueryParam("tags", equalTo("(story,comment)")).withQueryParam("numericFilters", equalTo(filters))
                .withQueryParam("page", equalTo(Integer.toString(page)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(kit.fixture("hackernews/" + fixture))));
    }

    @Test
    void collectsATimeSlicePageByPageThenStartsTheNextWhereItEnded() {
        answer(ALL, 0, 200, "page0.json");
        answer(ALL, 1, 200, "page1.json");
        HackernewsSource source = source();
        Page first = PlatformKit.pollAndCommit(source);
        assertTrue(first.more());
        Page second = PlatformKit.pollAndCommit(source);
        assertEquals("{\"after\":1777630740}", kit.storedCursor(source),
                "the next slice starts where this one ended, a minute behind the clock");
        List<Post> posts = new ArrayList<>(first.posts());
        posts.addAll(second.posts());
        assertEquals(List.of("hackernews:43900001", "hackernews:43900007", "hackernews:43899000"),
                posts.stream().map(Post::id).toList());
        Post story = posts.get(0);
        assertEquals("post", story.kind());
        assertEquals("Show HN: Acme 3.0", story.title());
        assertEquals(List.of("https://acme.example/blog/3-0"), story.urls());
        assertEquals(12L, story.metrics().get("likes"));
        Post comment = posts.get(1);
        assertEquals("comment", comment.kind());
        assertEquals("We switched to Acme last year & never looked back. https://example.com/acme-notes",
                comment.text());
        assertEquals("Ask HN: Is Acme worth it?\nThinking about Acme for our team.", posts.get(2).text());
    }

    @Test
    void aSliceWithMoreThanAThousandHitsIsHalvedBeforeAnythingIsTaken() {
        answer(ALL, 0, 200, "too-many.json");
        answer("created_at_i>=1777627200,created_at_i<1777628970", 0, 200, "slice.json");
        HackernewsSource source = source();
        Page halved = PlatformKit.pollAndCommit(source);
        assertEquals(List.of(), halved.posts());
        assertTrue(halved.more());
        Page slice = PlatformKit.pollAndCommit(source);
        assertEquals(List.of("hackernews:43899000"), slice.posts().stream().map(Post::id).toList());
        assertEquals("{\"after\":1777628970}", kit.storedCursor(source));
    }

    @Test
    void aThrottledAddressWaits() {
        answer(ALL, 0, 429, "empty.json");
        HackernewsSource source = source();
        SourceStatus status = PlatformKit.watch(source);
        PlatformKit.pollAndCommit(source);
        assertEquals(State.WAITING, status.state());
    }
}
