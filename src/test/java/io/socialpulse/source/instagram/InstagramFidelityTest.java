package io.socialpulse.source.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.Recorded;

/** Instagram hashtag media as the Graph API answers: recorded by python-facebook, and one item without a time. */
class InstagramFidelityTest {

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    @Test
    void aRecordedPageAskedWithoutTimestampNamesEachItemItCannotDate() throws Exception {
        JsonNode data = PostCodec.mapper().readTree(
                Recorded.text("instagram/recorded/hashtag_recent_medias_fields_p1.json")).path("data");
        assertEquals(5, data.size());
        for (JsonNode item : data) {
            PlatformException problem = assertThrows(PlatformException.class,
                    () -> InstagramSource.post(item, new Post.Match("i", List.of()), Instant.EPOCH, null));
            assertTrue(problem.getMessage().contains(item.get("id").asText()), problem.getMessage());
        }
    }

    @Test
    void oneMediaWithoutATimestampIsQuarantinedAndTheRestOfThePageKept() {
        kit.platform.stubFor(get(urlPathEqualTo("/v25.0/ig_hashtag_search")).willReturn(aResponse()
                .withHeader("content-type", "application/json")
                .withBody(kit.fixture("instagram/hashtag-search.json"))));
        kit.platform.stubFor(get(urlPathEqualTo("/v25.0/" + InstagramSourceTest.HASHTAG_ID + "/recent_media"))
                .willReturn(aResponse().withHeader("content-type", "application/json")
                        .withBody(kit.fixture("instagram/recent-one-without-timestamp.json"))));
        PlatformContext context = kit.context();
        var settings = InstagramSourceTest.settings(kit.baseUrl());
        InstagramSource source = new InstagramSource(context, settings, new InstagramHashtags(context, settings),
                "#acme");
        SourceStatus status = PlatformKit.watch(source);

        List<Post> posts = PlatformKit.pollAndCommit(source).posts();
        assertEquals(List.of("instagram:17871527143187462", "instagram:17912345678901234"),
                posts.stream().map(Post::id).toList());
        assertEquals(1L, status.quarantined());
        List<String> stored = Eventually.get(Duration.ofSeconds(10), kit::quarantined, keys -> keys.size() == 1);
        assertTrue(stored.get(0).contains("-item-"), stored.toString());
        assertFalse(posts.stream().anyMatch(p -> !p.mentions().isEmpty()), "no mention is ever invented");

        PlatformKit.pollAndCommit(source);
        assertEquals(1L, status.quarantined(), "the same item is quarantined once");
    }
}
