package io.socialpulse.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

class PostCodecTest {

    private final Post post = Post.builder("mastodon", "11")
            .schemaVersion(1)
            .globalId("https://m.example/users/jane/statuses/1")
            .url("https://m.example/@jane/1")
            .author(new Post.Author("7", "jane@m.example", "Jane", null, 210L))
            .text("line one\nline two #acme")
            .lang("en")
            .createdAt(Instant.parse("2026-05-01T10:15:30Z"))
            .hashtags(List.of("acme"))
            .metrics(Map.of("likes", 4L))
            .match(new Post.Match("mastodon-acme", List.of("#acme")))
            .fetchedAt(Instant.parse("2026-05-01T10:16:02Z"))
            .raw(JsonNodeFactory.instance.objectNode().put("content", "<p>line one<br>line two</p>"))
            .build();

    @Test
    void roundTripsEveryField() {
        assertEquals(post, PostCodec.decode(PostCodec.encode(post)));
    }

    @Test
    void encodesOnOneLineWithIsoTimes() {
        String json = new String(PostCodec.encode(post), StandardCharsets.UTF_8);
        assertFalse(json.contains("\n"));
        assertTrue(json.contains("\"createdAt\":\"2026-05-01T10:15:30Z\""), json);
    }

    @Test
    void rejectsWhatIsNotAPost() {
        assertThrows(PostFormatException.class, () -> PostCodec.decode("{not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(PostFormatException.class, () -> PostCodec.decode("[]".getBytes(StandardCharsets.UTF_8)));
        PostFormatException noTime = assertThrows(PostFormatException.class,
                () -> PostCodec.decode("{\"id\":\"x:1\",\"platform\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(noTime.getMessage().contains("createdAt"));
    }

    @Test
    void aVersionTwoRepostRoundTripsWithItsOriginalAndCommunity() {
        Post repost = post.toBuilder()
                .kind("repost")
                .repostOf("mastodon:https://m.example/users/ann/statuses/9",
                        new Post.Author("9", "ann@m.example", "Ann", "https://m.example/@ann", 40L))
                .community("r/acme")
                .build();
        String json = new String(PostCodec.encode(repost), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"repostOf\":\"mastodon:https://m.example/users/ann/statuses/9\""), json);
        assertTrue(json.contains("\"community\":\"r/acme\""), json);
        assertTrue(json.contains("\"repostOfAuthor\":{\"nativeId\":\"9\",\"handle\":\"ann@m.example\""), json);
        assertFalse(json.contains("\"repost\":"), "no derived property leaks into the line: " + json);
        assertEquals(repost, PostCodec.decode(PostCodec.encode(repost)));
        assertEquals("repost", repost.kind());
    }

    @Test
    void sentimentScoresRoundTrip() {
        Post scored = post.scored(new Post.Scores(0.6249, 0.3, 0.7, 0.0));
        String json = new String(PostCodec.encode(scored), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"sentiment\":{\"compound\":0.6249,\"pos\":0.3,\"neu\":0.7,\"neg\":0.0}"), json);
        assertEquals(scored, PostCodec.decode(PostCodec.encode(scored)));
        assertFalse(new String(PostCodec.encode(post), StandardCharsets.UTF_8).contains("sentiment"),
                "absent when not scored");
    }

    @Test
    void aVersionOneLineStillReads() {
        String v1 = "{\"schemaVersion\":1,\"id\":\"x:1\",\"platform\":\"x\",\"nativeId\":\"1\",\"kind\":\"post\","
                + "\"text\":\"hello #acme\",\"createdAt\":\"2026-05-01T10:15:30Z\",\"hashtags\":[\"acme\"],"
                + "\"match\":{\"sourceId\":\"x-acme\",\"queries\":[\"#acme\"]}}";
        Post read = PostCodec.decode(v1.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, read.schemaVersion());
        assertEquals(List.of("acme"), read.hashtags());
        assertEquals(null, read.repostOf());
        assertEquals(null, read.community());
        assertFalse(read.isRepost());
    }
}
