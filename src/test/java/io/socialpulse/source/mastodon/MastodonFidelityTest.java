package io.socialpulse.source.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.socialpulse.config.MastodonConfig;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.source.kit.RecentIds;
import io.socialpulse.testing.Recorded;

/**
 * Mastodon as it really answers: a tag timeline Mastodon.py recorded, and remote statuses whose ids
 * follow their creation time, so that one federating late lands behind statuses already read.
 */
public class MastodonFidelityTest {

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    static MastodonConfig settings(Duration lookback) {
        return MastodonSourceTest.settings(3, lookback);
    }

    private MastodonSource source(String tag) {
        return new MastodonSource(kit.context(), settings(Duration.ofMinutes(15)), kit.baseUrl(), tag,
                new RecentIds(1000));
    }

    /** A remote status: its id follows {@code created}, as Mastodon makes ids for remote statuses. */
    static String status(long id, Instant created, String text) {
        return """
                {"id":"%d","created_at":"%s","uri":"https://remote.example/users/ann/statuses/%d",\
                "url":"https://remote.example/@ann/%d","content":"<p>%s</p>","language":"en",\
                "in_reply_to_id":null,"reblog":null,"replies_count":0,"reblogs_count":0,"favourites_count":2,\
                "quotes_count":1,"account":{"id":"7","acct":"ann@remote.example","url":"https://remote.example/@ann",\
                "display_name":"Ann","followers_count":40},"tags":[{"name":"acme"}],\
                "mentions":[{"acct":"bob","url":"%s/@bob"}]}""".formatted(id, created, id, id, text, "{{base}}");
    }

    private void timeline(String param, String value, String... statuses) {
        String body = ("[" + String.join(",", statuses) + "]").replace("{{base}}", kit.baseUrl());
        kit.platform.stubFor(get(urlPathEqualTo("/api/v1/timelines/tag/acme"))
                .withQueryParam("min_id", "min_id".equals(param) ? equalTo(value) : absent())
                .withQueryParam("max_id", "max_id".equals(param) ? equalTo(value) : absent())
                .willReturn(aResponse().withHeader("content-type", "application/json").withBody(body)));
    }

    @Test
    void aRecordedTagTimelineIsReadWithItsHeaders() {
        Recorded.Answer answer = Recorded.cassette("mastodon/recorded/test_hashtag_tl.yaml").get(0);
        var response = aResponse().withStatus(answer.status()).withBody(answer.body());
        answer.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Transfer-Encoding")) {
                response.withHeader(name, values.toArray(String[]::new));
            }
        });
        kit.platform.stubFor(get(urlPathEqualTo("/api/v1/timelines/tag/hoot")).willReturn(response));
        MastodonSource source = new MastodonSource(kit.context(), settings(Duration.ZERO), kit.baseUrl(), "hoot",
                new RecentIds(1000));

        Post hoot = PlatformKit.pollAndCommit(source).posts().get(0);
        assertEquals("mastodon:http://localhost:3000/users/mastodonpy_test/statuses/109383678182834272", hoot.id());
        assertEquals("#hoot (hashtag toot)", hoot.text());
        assertEquals(List.of("hoot"), hoot.hashtags());
        assertEquals("ja", hoot.lang());
        assertEquals("mastodonpy_test@localhost", hoot.author().handle(),
                "a local account gets its instance's host, so one person has one handle");
        assertTrue(kit.storedCursor(source).contains("\"min\":\"109383678182834272\""), kit.storedCursor(source));
    }

    @Test
    void aStatusThatFederatesLateInsideTheLookBackIsCollectedOnceAlsoAcrossARestart() {
        Instant now = kit.clock.instant();
        String a = status(300, now.minusSeconds(60), "first");
        String late = status(250, now.minus(Duration.ofMinutes(8)), "arrived late");
        String old = status(100, now.minus(Duration.ofMinutes(40)), "long ago");
        timeline("none", null, a);
        timeline("max_id", "300");
        List<String> collected = new ArrayList<>();
        PlatformKit.pollAndCommit(source("acme")).posts().forEach(p -> collected.add(p.nativeId()));
        // The forward read found A; the sweep back from it found nothing yet.
        assertEquals(List.of("300"), collected);

        // Status 250 reaches the instance after 300 was read: its id puts it behind 300.
        timeline("min_id", "300");
        timeline("max_id", "300", late, old);
        kit.clock.advance(Duration.ofMinutes(1));
        MastodonSource running = source("acme");
        for (int i = 0; i < 3; i++) {
            PlatformKit.pollAndCommit(running).posts().forEach(p -> collected.add(p.nativeId()));
        }
        assertEquals(List.of("300", "250"), collected, "the late status once; the one past the look-back never");

        kit.clock.advance(Duration.ofMinutes(2));
        MastodonSource restarted = source("acme"); // a new process: only the cursor is left
        for (int i = 0; i < 3; i++) {
            PlatformKit.pollAndCommit(restarted).posts().forEach(p -> collected.add(p.nativeId()));
        }
        assertEquals(List.of("300", "250"), collected, "read again after the restart, dropped by the cursor's ids");
    }

    @Test
    void quotesAndLocalMentionsAreMapped() {
        Instant now = kit.clock.instant();
        timeline("none", null, status(300, now.minusSeconds(60), "hello @bob"));
        timeline("max_id", "300");
        Post post = PlatformKit.pollAndCommit(source("acme")).posts().get(0);
        assertEquals(1L, post.metrics().get("quotes"));
        assertEquals(List.of("bob@127.0.0.1"), post.mentions(), "a local mention gets its instance's host");
        assertEquals("ann@remote.example", post.author().handle());
    }

    @Test
    void aBoostIsARepostCreditedToTheOriginalsAuthor() throws Exception {
        String original = status(250, kit.clock.instant().minusSeconds(120), "launch #acme");
        String boost = """
                {"id":"301","created_at":"%s","uri":"https://m.example/users/bob/statuses/301/activity",\
                "url":null,"content":"","reblog":%s,"replies_count":0,"reblogs_count":0,"favourites_count":0,\
                "account":{"id":"8","acct":"bob","url":"https://m.example/@bob","followers_count":3}}\
                """.formatted(kit.clock.instant(), original);
        Post post = MastodonMapper.post(PostCodec.mapper().readTree(boost), new Post.Match("m", List.of()),
                kit.clock.instant(), null, "m.example");
        assertEquals("repost", post.kind());
        assertEquals("mastodon:https://remote.example/users/ann/statuses/250", post.repostOf());
        assertEquals("ann@remote.example", post.repostOfAuthor().handle(), "the boosted status's author");
        assertEquals("bob@m.example", post.author().handle(), "the booster");
        assertEquals(Map.of(), post.metrics(), "the original's counts are not the boost's");
    }
}
