package io.socialpulse.source.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.socialpulse.config.XConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Recorded;

/**
 * X as it really answers: a page twarc recorded from the live API (a retweet whose own text is cut
 * and whose metrics are the original's), long posts in {@code note_tweet}, escaped text and the
 * codes X puts in {@code lang} for "no language".
 */
public class XFidelityTest {

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    private XConfig settings(String reposts, boolean users) {
        return XSourceTest.settings(kit.baseUrl(), "SOURCES_X_REPOSTS", reposts, "SOURCES_X_USERS",
                Boolean.toString(users));
    }

    private List<Post> collect(String body, XConfig settings) {
        kit.platform.stubFor(get(urlPathEqualTo(XSource.ENDPOINT)).willReturn(aResponse()
                .withHeader("content-type", "application/json").withBody(body)));
        return PlatformKit.pollAndCommit(new XSource(kit.context(), settings, XSourceTest.QUERY)).posts();
    }

    @Test
    void aRecordedRetweetIsARepostOfItsOriginalWithTheOriginalsTextAndNoMetrics() {
        List<Post> posts = collect(Recorded.text("x/recorded/two_tweets.jsonl"), settings("keep", true));

        assertEquals(1, posts.size());
        Post retweet = posts.get(0);
        assertEquals("x:1394735776701816833", retweet.id());
        assertEquals("repost", retweet.kind());
        assertEquals("x:1391677057810288641", retweet.repostOf(), "the original's post id");
        assertEquals("#POIUYTREWQ", retweet.text(), "the original's text, not 'RT @bibaigna96: ...'");
        assertEquals(List.of("poiuytrewq"), retweet.hashtags());
        assertEquals(Map.of(), retweet.metrics(), "the original's retweet_count is not the retweet's");
        assertNull(retweet.lang(), "'und' names no language");
        assertEquals("LachiVeronica", retweet.author().handle(), "the retweeter, not the original's author");
        assertEquals("bibaigna96", retweet.repostOfAuthor().handle(), "the original's author, from includes.users");
        assertEquals("1380086327023169540", retweet.repostOfAuthor().nativeId());
        assertEquals(0L, retweet.author().followers());
    }

    @Test
    void retweetsCanBeLeftOut() {
        assertEquals(List.of(), collect(Recorded.text("x/recorded/two_tweets.jsonl"), settings("drop", true)));
    }

    @Test
    void theSearchAsksForTheOriginalsAndForLongText() {
        collect(Recorded.text("x/recorded/two_tweets.jsonl"), settings("keep", true));
        var request = kit.platform.findAll(getRequestedFor(urlPathEqualTo(XSource.ENDPOINT))).get(0);
        assertEquals("author_id,referenced_tweets.id,referenced_tweets.id.author_id",
                request.queryParameter("expansions").firstValue());
        assertTrue(request.queryParameter("tweet.fields").firstValue().contains("note_tweet"));
        assertTrue(request.queryParameter("user.fields").isPresent());
    }

    @Test
    void withoutUserExpansionsNoUserIsReadOrBilled() {
        List<Post> posts = collect(Recorded.text("x/recorded/two_tweets.jsonl"), settings("keep", false));
        var request = kit.platform.findAll(getRequestedFor(urlPathEqualTo(XSource.ENDPOINT))).get(0);
        assertEquals("referenced_tweets.id", request.queryParameter("expansions").firstValue());
        assertFalse(request.queryParameter("user.fields").isPresent());
        assertEquals("1379899464345923590", posts.get(0).author().nativeId(), "the author's id is in every post");
    }

    @Test
    void aLongPostIsReadWholeFromNoteTweetWithItsOwnEntities() {
        List<Post> posts = collect(kit.fixture("x/note-tweet.json"), settings("keep", true));
        Post review = posts.get(0);
        assertTrue(review.text().endsWith("ask @acmesupport."), review.text());
        assertEquals(List.of("acme", "acmefail"), review.hashtags(), "the tag past 280 characters counts");
        assertEquals(List.of("acmesupport"), review.mentions());
        assertEquals(12L, review.metrics().get("likes"));
    }

    @Test
    void escapedTextIsStoredAsWrittenAndQCodesAreNoLanguage() {
        Post escaped = collect(kit.fixture("x/note-tweet.json"), settings("keep", true)).get(1);
        assertEquals("Tom & Jerry <3 #acme &lt;b&gt; stays escaped once", escaped.text(),
                "unescaped once: what the person typed, '&lt;b&gt;' included");
        assertNull(escaped.lang(), "'qme' is media only");
    }

    @Test
    void languageCodes() {
        assertNull(XMapper.language("und"));
        assertNull(XMapper.language("zxx"));
        assertNull(XMapper.language("qht"));
        assertNull(XMapper.language("qst"));
        assertEquals("en", XMapper.language("en"));
        assertEquals("pt", XMapper.language("pt"));
    }
}
