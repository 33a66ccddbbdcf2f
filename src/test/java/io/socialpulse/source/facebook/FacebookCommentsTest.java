package io.socialpulse.source.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.socialpulse.config.FacebookConfig;
import io.socialpulse.source.Page;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.source.SourceStatus.State;
import io.socialpulse.source.kit.PlatformKit;

/**
 * Comments come hours after their post, and the feed returns a post's oldest 25 only while the post
 * is inside the overlap: the comments of recent posts are swept newest first after every run.
 */
class FacebookCommentsTest {

    static final String PAGE = FacebookSourceTest.PAGE;
    static final String FEED = FacebookSourceTest.FEED;

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    private FacebookConfig settings() {
        return FacebookSourceTest.settings(kit.baseUrl(), null, Duration.ofDays(5), Duration.ofHours(48));
    }

    private String time(Duration ago) {
        return kit.clock.instant().minus(ago).toString().replace("Z", "+0000");
    }

    private String post(String id, Duration ago) {
        return "{\"id\":\"" + id + "\",\"message\":\"post " + id + "\",\"created_time\":\"" + time(ago) + "\"}";
    }

    private String comment(String id, Duration ago) {
        return "{\"id\":\"" + id + "\",\"message\":\"comment " + id + "\",\"created_time\":\"" + time(ago)
                + "\",\"from\":{\"id\":\"9\",\"name\":\"Ann\"},\"like_count\":1}";
    }

    private void feed(String... posts) {
        kit.platform.stubFor(get(urlPathEqualTo(FEED)).willReturn(aResponse()
                .withHeader("content-type", "application/json").withBody("{\"data\":[" + String.join(",", posts)
                        + "]}")));
    }

    private void comments(String post, String since, String... comments) {
        kit.platform.stubFor(get(urlPathEqualTo("/v25.0/" + post + "/comments"))
                .withQueryParam("order", equalTo("reverse_chronological"))
                .withQueryParam("since", since == null ? absent() : equalTo(since))
                .willReturn(aResponse().withHeader("content-type", "application/json")
                        .withBody("{\"data\":[" + String.join(",", comments) + "]}")));
    }

    private List<String> run(FacebookSource source) {
        List<String> ids = new ArrayList<>();
        Page page;
        int polls = 0;
        do {
            page = PlatformKit.pollAndCommit(source);
            page.posts().forEach(p -> ids.add(p.nativeId()));
        } while (page.more() && ++polls < 20);
        return ids;
    }

    @Test
    void commentsOfRecentPostsAreSweptNewestFirstSinceTheLastOneSeen() {
        String recent = PAGE + "_1";
        String old = PAGE + "_2";
        feed(post(recent, Duration.ofHours(20)), post(old, Duration.ofHours(60)));
        comments(recent, null, comment("c3", Duration.ofHours(1)), comment("c2", Duration.ofHours(2)),
                comment("c1", Duration.ofHours(19)));
        FacebookSource source = new FacebookSource(kit.context(), settings(), PAGE);
        SourceStatus status = PlatformKit.watch(source);

        assertEquals(List.of(recent, old, "c3", "c2", "c1"), run(source));
        assertEquals(0, kit.platform.findAll(getRequestedFor(urlPathEqualTo("/v25.0/" + old + "/comments"))).size(),
                "a post older than the window is not followed");

        kit.clock.advance(Duration.ofMinutes(30));
        feed(post(recent, Duration.ofHours(20).plusMinutes(30))); // the feed since the newest post, less the overlap
        long c3 = Instant.parse(time(Duration.ofHours(1).plusMinutes(30)).replace("+0000", "Z")).getEpochSecond();
        comments(recent, Long.toString(c3), comment("c4", Duration.ofMinutes(5)),
                comment("c3", Duration.ofHours(1).plusMinutes(30)));
        FacebookSource restarted = new FacebookSource(kit.context(), settings(), PAGE);
        assertEquals(List.of("c4"), run(restarted), "only what came after the newest comment seen, after a restart");
        assertEquals(State.RUNNING, status.state());
    }

    @Test
    void aPostThatCannotBeReadIsNoLongerFollowedAndTheSweepGoesOn() {
        String gone = PAGE + "_1";
        String live = PAGE + "_3";
        feed(post(live, Duration.ofHours(1)), post(gone, Duration.ofHours(2)));
        kit.platform.stubFor(get(urlPathEqualTo("/v25.0/" + gone + "/comments")).willReturn(aResponse().withStatus(400)
                .withHeader("content-type", "application/json").withBody(kit.fixture("facebook/code-100-33.json"))));
        comments(live, null, comment("c9", Duration.ofMinutes(10)));
        FacebookSource source = new FacebookSource(kit.context(), settings(), PAGE);
        List<String> ids = run(source);
        assertEquals(List.of(live, gone, "c9"), ids);
        assertTrue(!kit.storedCursor(source).contains(gone + "\""), kit.storedCursor(source));
    }
}
