package io.socialpulse.source.linkedin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.Recorded;

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
    void aRecordedOrganizationPageIsRead() throws Exception {
        var elements = PostCodec.mapper().readTree(Recorded.text(
                "linkedin/recorded/linkedin.recording.json")).path("social-media/posts/linkedin/GetProfilePosts")
                .path("44eba5ce9e44c03b10d22aafdc0f0c9b").get(0).path("response").path("elements");
        Post.Match match = new Post.Match("linkedin-2414183", List.of("urn:li:organization:2414183"));
        Post share = LinkedinSource.post(elements.get(0), match, Instant.EPOCH, null);
        assertEquals("linkedin:urn:li:share:7034871045106847744", share.id());
        assertEquals("Testing", share.text());
        assertEquals(Instant.ofEpochMilli(1677243958829L), share.createdAt());
        Post reshare = LinkedinSource.post(elements.get(1), match, Instant.EPOCH, null);
        assertEquals("repost", reshare.kind());
        assertEquals("linkedin:urn:li:share:7031878963324928000", reshare.repostOf());
        assertEquals("", LinkedinSource.post(elements.get(2), match, Instant.EPOCH, null).text(),
                "an article share with no commentary");
        assertEquals("eiusmod magna dolore sed et Lorem adipiscing aliqua elit, tempor amet @ 1677196226720",
                LinkedinSource.post(elements.get(3), match, Instant.EPOCH, null).text(), "the escaped @ is an @");
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
