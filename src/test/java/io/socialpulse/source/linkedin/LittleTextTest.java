package io.socialpulse.source.linkedin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;

/** LinkedIn's "little text" in {@code commentary}, reshares and the ways LinkedIn words its daily limit. */
class LittleTextTest {

    @Test
    void hashtagsMentionsAndEscapesAreRead() {
        LittleText parsed = LittleText.parse("Proud of the team at @[Acme Corp](urn:li:organization:2414183) "
                + "\\(and partners\\)! {hashtag|\\#|Launch} {hashtag|\\#|AcmeCloud} 100\\% ready \\_now\\_");
        assertEquals("Proud of the team at Acme Corp (and partners)! #Launch #AcmeCloud 100\\% ready _now_",
                parsed.text());
        assertEquals(List.of("launch", "acmecloud"), parsed.hashtags());
        assertEquals(List.of("urn:li:organization:2414183"), parsed.mentions());
    }

    @Test
    void textWithoutMarkupStillGivesItsTags() {
        assertEquals(List.of("acme"), LittleText.parse("plain #acme text").hashtags());
    }

    @Test
    void brokenMarkupIsKeptAsText() {
        LittleText parsed = LittleText.parse("@[unclosed and {hashtag|\\#");
        assertEquals("@[unclosed and {hashtag|#", parsed.text());
        assertTrue(parsed.mentions().isEmpty());
    }

    @Test
    void aReshareIsARepostOfItsRoot() throws Exception {
        var element = PostCodec.mapper().readTree("""
                {"id":"urn:li:share:7000000000000000002","author":"urn:li:organization:2414183",
                 "commentary":"Worth a read {hashtag|\\\\#|acme}","publishedAt":1777630000000,
                 "lifecycleState":"PUBLISHED","reshareContext":{"parent":"urn:li:share:7000000000000000001",
                 "root":"urn:li:ugcPost:7000000000000000000"}}""");
        Post post = LinkedinSource.post(element, new Post.Match("l", List.of()), Instant.EPOCH, null);
        assertEquals("repost", post.kind());
        assertEquals("linkedin:urn:li:ugcPost:7000000000000000000", post.repostOf());
        assertEquals("Worth a read #acme", post.text());
        assertEquals(List.of("acme"), post.hashtags());
    }

    @Test
    void everyWordingOfTheDailyLimitIsADailyLimit() {
        assertTrue(LinkedinSource.dailyLimit("Resource level throttle limit for calls to this resource is reached."));
        assertTrue(LinkedinSource.dailyLimit("Throttle limit for calls to this resource is reached."));
        assertTrue(LinkedinSource.dailyLimit("Resource level throttle APPLICATION DAY limit for calls to this"
                + " resource is reached."));
        assertTrue(!LinkedinSource.dailyLimit("Too many requests"));
    }
}
