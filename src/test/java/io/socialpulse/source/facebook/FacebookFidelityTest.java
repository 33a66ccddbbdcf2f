package io.socialpulse.source.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.socialpulse.config.FacebookConfig;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Recorded;

/** Facebook page feeds as the Graph API answers (recorded by python-facebook), app secret proofs and time paging. */
class FacebookFidelityTest {

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    private FacebookConfig settings(String secret) {
        return FacebookSourceTest.settings(kit.baseUrl(), secret, Duration.ofHours(24), Duration.ZERO);
    }

    @Test
    void aRecordedFeedPageIsRead() throws Exception {
        JsonNode data = PostCodec.mapper().readTree(Recorded.text("facebook/recorded/feed_fields_p1.json"))
                .path("data");
        Post.Match match = new Post.Match("facebook-4", List.of("4"));
        Post july = FacebookMapper.post(data.get(0), match, Instant.EPOCH, null);
        assertEquals("facebook:4_10113477241177441", july.id());
        assertEquals("Happy July 4th! 🇺🇸", july.text());
        assertEquals(Instant.parse("2021-07-04T19:50:58Z"), july.createdAt(), "Graph's +0000 offset is read");
        Post board = FacebookMapper.post(data.get(3), match, Instant.EPOCH, null);
        assertEquals(List.of("adam.the.creator"), board.mentions());
    }

    @Test
    void messageTagsAreMentions() throws Exception {
        JsonNode item = PostCodec.mapper().readTree("""
                {"id":"1_2","message":"Thanks Acme Support and Ann!","created_time":"2026-05-01T10:00:00+0000",
                 "message_tags":[{"id":"104998765432109","name":"Acme Support","type":"page","offset":7,"length":12},
                                 {"id":"555","name":"Ann","type":"user","offset":24,"length":3}]}""");
        Post post = FacebookMapper.post(item, new Post.Match("f", List.of()), Instant.EPOCH, null);
        assertEquals(List.of("104998765432109", "555"), post.mentions());
    }

    @Test
    void theProofIsTheTokensHmacWithTheAppSecret() {
        // RFC 4231, test case 2.
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                FacebookSource.proof("what do ya want for nothing?", "Jefe"));
    }

    @Test
    void everyRequestCarriesTheProofWhenTheAppSecretIsSet() {
        kit.platform.stubFor(get(urlPathEqualTo(FacebookSourceTest.FEED)).willReturn(aResponse()
                .withHeader("content-type", "application/json").withBody("{\"data\":[]}")));
        PlatformKit.pollAndCommit(new FacebookSource(kit.context(), settings("app-secret-0123456789"),
                FacebookSourceTest.PAGE));
        var request = kit.platform.findAll(getRequestedFor(urlPathEqualTo(FacebookSourceTest.FEED))).get(0);
        assertEquals(FacebookSource.proof(FacebookSourceTest.TOKEN, "app-secret-0123456789"),
                request.queryParameter("appsecret_proof").firstValue());
    }

    @Test
    void aTimePagedNextStopsOncePostsAreOlderThanTheRunsStart() {
        long from = kit.clock.instant().minus(Duration.ofHours(24)).getEpochSecond();
        kit.platform.stubFor(get(urlPathEqualTo(FacebookSourceTest.FEED)).withQueryParam("until",
                WireMock.absent()).willReturn(
                        aResponse()
                                .withHeader("content-type", "application/json").withBody(
                                        """
                                                {"data":[{"id":"1_new","message":"new","created_time":"2026-05-01T09:00:00+0000"}],
                                                 "paging":{"next":"%s%s?until=1777600000&limit=25"}}"""
                                                .formatted(kit.baseUrl(), FacebookSourceTest.FEED))));
        kit.platform.stubFor(get(urlPathEqualTo(FacebookSourceTest.FEED)).withQueryParam("until",
                WireMock.equalTo("1777600000")).willReturn(
                        aResponse()
                                .withHeader("content-type", "application/json").withBody(
                                        """
                                                {"data":[{"id":"1_old","message":"old","created_time":"2026-04-01T09:00:00+0000"}],
                                                 "paging":{"next":"%s%s?until=1775000000&limit=25"}}"""
                                                .formatted(kit.baseUrl(), FacebookSourceTest.FEED))));
        FacebookSource source = new FacebookSource(kit.context(), settings(null), FacebookSourceTest.PAGE);
        assertTrue(PlatformKit.pollAndCommit(source).more());
        var second = PlatformKit.pollAndCommit(source);
        assertFalse(second.more(), "a page older than the run's start (" + from + ") ends the run");
        assertEquals(2, kit.platform.findAll(getRequestedFor(urlPathEqualTo(FacebookSourceTest.FEED))).size());
    }
}
