package io.socialpulse.source.hackernews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.Recorded;

/** Hacker News comments as Algolia really serves them (recorded by node-hacker-news-api): bare {@code <p>}, shortened links. */
class HackernewsFidelityTest {

    private static List<Post> recorded() throws Exception {
        JsonNode hits = PostCodec.mapper().readTree(Recorded.text("hackernews/recorded/fixtures.json")).get(0)
                .path("reply").path("hits");
        Post.Match match = new Post.Match("hackernews-acme", List.of("acme"));
        return List.of(HackernewsSource.post(hits.get(0), match, Instant.EPOCH, null),
                HackernewsSource.post(hits.get(1), match, Instant.EPOCH, null));
    }

    @Test
    void aBareParagraphTagSeparatesParagraphs() throws Exception {
        Post zed = recorded().get(0);
        assertTrue(zed.text().contains("what I want to do:\n\n1. I have a little list"), zed.text());
        assertFalse(zed.text().contains("do:1."), "paragraphs are never glued together");
        assertTrue(zed.text().contains("it'll be alright"), "entities decoded once");
        assertEquals("comment", zed.kind());
        assertEquals(1081L, zed.metrics().get("likes"));
    }

    @Test
    void linksComeFromHrefNotFromTheShortenedText() throws Exception {
        Post jbk = recorded().get(1);
        assertEquals(List.of("http://www.dell.com/support/troubleshooting/us/en/04/KCS/KcsArticles/ArticleView"
                + "?c=us&l=en&s=bsd&docid=557836"), jbk.urls());
        assertTrue(jbk.text().endsWith("KCS/Kcs..."), "the text shows what HN shows");
        assertTrue(jbk.text().contains("\"Correlation does not mean causation\""), jbk.text());
    }
}
