package io.socialpulse.source.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.socialpulse.config.InstagramConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.Page;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Settings;

/** Instagram hashtag recent media against WireMock: id lookup once, unordered pages, hidden like counts. */
class InstagramSourceTest {

    static final String TOKEN = "IGQVJtestInstagramToken0123456789";
    static final String USER = "17841405309211844";
    static final String HASHTAG_ID = "17843853986012965";

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    static InstagramConfig settings(String baseUrl) {
        return Settings.sources("SOURCES_INSTAGRAM_ACCESS_TOKEN", TOKEN, "SOURCES_INSTAGRAM_USER_ID", USER,
                "SOURCES_INSTAGRAM_HASHTAGS", "acme", "SOURCES_INSTAGRAM_INTERVAL", "10m", "SOURCES_INSTAGRAM_BASE_URL",
                baseUrl, "SOURCES_INSTAGRAM_GRAPH_VERSION", "v25.0", "SOURCES_INSTAGRAM_MAX_PAGES", "10").instagram();
    }

    private InstagramSource source() {
        PlatformContext context = kit.context();
        InstagramConfig settings = settings(kit.baseUrl());
        return new InstagramSource(context, settings, new InstagramHashtags(context, settings), "#acme");
    }

    private void stub(String path, String after, String fixture) {
        kit.platform.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("after", after == null ? absent() : equalTo(after))
                .willReturn(aResponse().withHeader("content-type", "application/json")
                        .withBody(kit.fixture("instagram/" + fixture))));
    }

    private int searches() {
        return kit.platform.findAll(getRequestedFor(urlPathEqualTo("/v25.0/ig_hashtag_search"))).size();
    }

    @Test
    void looksTheHashtagUpOnceAndKeepsOnlyMediaNotSeenBeforeAcrossRestarts() {
        stub("/v25.0/ig_hashtag_search", null, "hashtag-search.json");
        stub("/v25.0/" + HASHTAG_ID + "/recent_media", null, "recent-page1.json");
        stub("/v25.0/" + HASHTAG_ID + "/recent_media", "QVFIUmx1WTBpMGpRY2xCNmVX", "recent-page2.json");
        InstagramSource source = source();

        Page first = PlatformKit.pollAndCommit(source);
        assertTrue(first.more());
        Page second = PlatformKit.pollAndCommit(source);
        assertFalse(second.more());
        List<Post> posts = new ArrayList<>(first.posts());
        posts.addAll(second.posts());
        assertEquals(List.of("instagram:17880997618081620", "instagram:17871527143187462",
                "instagram:17912345678901234"), posts.stream().map(Post::id).toList(),
                "media repeated on a later page is kept once");
        assertEquals(42L, posts.get(0).metrics().get("likes"));
        assertFalse(posts.get(1).metrics().containsKey("likes"), "hidden likes stay unknown, not zero");
        assertEquals(List.of("acme", "unboxing"), posts.get(1).hashtags());
        assertEquals(List.of("#acme"), posts.get(0).match().queries());
        assertFalse(kit.storedCursor(source).contains(TOKEN));

        InstagramSource restarted = source();
        Page again = PlatformKit.pollAndCommit(restarted);
        PlatformKit.pollAndCommit(restarted);
        assertEquals(List.of(), again.posts(), "a restart does not collect the same media again");
        assertEquals(1, searches(), "the hashtag id comes from the cursor after a restart");
    }

    @Test
    void acceptsTheBareIdShapeOfHashtagSearch() {
        kit.platform.stubFor(get(urlPathEqualTo("/v25.0/ig_hashtag_search")).withQueryParam("q", equalTo("acme"))
                .withQueryParam("user_id", equalTo(USER))
                .willReturn(aResponse().withBody(kit.fixture("instagram/hashtag-search-bare.json"))));
        stub("/v25.0/17873440459141021/recent_media", null, "recent-page2.json");
        assertEquals(2, PlatformKit.pollAndCommit(source()).posts().size());
    }
}
