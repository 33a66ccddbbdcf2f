package io.socialpulse.source.reddit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.Recorded;

/** Reddit posts as search answers them: a subreddit, crossposts, and removed or deleted text. */
class RedditFidelityTest {

    private static Post post(String json) throws Exception {
        return RedditSource.post(PostCodec.mapper().readTree(json), new Post.Match("reddit-acme", List.of("acme")),
                Instant.EPOCH, null);
    }

    @Test
    void aRecordedSearchAnswerIsRead() throws Exception {
        String body = Recorded.cassette("reddit/recorded/TestSubreddit.test_search.json").get(0)
                .body();
        var child = PostCodec.mapper().readTree(body).path("data").path("children").get(0).path("data");
        Post post = RedditSource.post(child, new Post.Match("reddit-praw", List.of("praw")), Instant.EPOCH, null);
        assertEquals("reddit:t3_3x4kt2", post.id());
        assertEquals("r/redditdev", post.community());
        assertEquals("GrinningMouth38", post.author().handle());
        assertEquals(Instant.ofEpochSecond(1450299786L), post.createdAt());
        assertEquals(2L, post.metrics().get("likes"));
        assertEquals(5L, post.metrics().get("replies"));
        assertEquals(List.of(), post.urls(), "a self post links nowhere but to itself");
        assertEquals("post", post.kind());
    }

    @Test
    void theSubredditIsTheCommunity() throws Exception {
        Post post = post("{\"id\":\"1abc\",\"created_utc\":1777630000.0,\"title\":\"acme\",\"selftext\":\"\","
                + "\"subreddit\":\"acme\",\"author\":\"ann\",\"permalink\":\"/r/acme/comments/1abc/acme/\"}");
        assertEquals("r/acme", post.community());
    }

    @Test
    void aCrosspostIsARepostOfItsParent() throws Exception {
        Post post = post("{\"id\":\"1xp\",\"created_utc\":1777630000.0,\"title\":\"acme again\",\"selftext\":\"\","
                + "\"subreddit\":\"gadgets\",\"crosspost_parent\":\"t3_1abc\",\"author\":\"bob\",\"score\":3,"
                + "\"crosspost_parent_list\":[{\"id\":\"1abc\",\"author\":\"ann\",\"author_fullname\":\"t2_ann\"}]}");
        assertEquals("repost", post.kind());
        assertEquals("reddit:t3_1abc", post.repostOf());
        assertEquals(3L, post.metrics().get("likes"), "a crosspost's score is its own");
        assertEquals("ann", post.repostOfAuthor().handle(), "the original's author, from the parent's copy");
    }

    @Test
    void removedAndDeletedAreNoText() throws Exception {
        Post post = post("{\"id\":\"1rm\",\"created_utc\":1777630000.0,\"title\":\"acme question\","
                + "\"selftext\":\"[removed]\",\"subreddit\":\"acme\",\"author\":\"[deleted]\"}");
        assertEquals("acme question", post.text());
        assertNull(post.author());
    }
}
