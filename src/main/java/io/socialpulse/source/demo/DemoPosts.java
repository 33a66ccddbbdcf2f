package io.socialpulse.source.demo;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.socialpulse.post.Entities;
import io.socialpulse.post.Post;

/** Builds a demo post the way a connector maps a platform payload, raw payload included. */
final class DemoPosts {

    private DemoPosts() {
    }

    static Post post(String platform, String nativeId, String author, String text, Instant createdAt, int likes) {
        ObjectNode raw = JsonNodeFactory.instance.objectNode()
                .put("id", nativeId).put("author", author).put("text", text).put("created_at", createdAt.toString())
                .put("likes", likes);
        return new Post(Post.SCHEMA_VERSION, Post.idOf(platform, nativeId), platform, nativeId, "post",
                "https://demo.social-pulse.invalid/" + platform + "/" + nativeId,
                new Post.Author(author, author, author, null, null), null, text, "en", createdAt,
                Entities.hashtags(text), Entities.mentions(text), Entities.urls(text), DemoGenerator.metrics(likes),
                new Post.Match("demo", List.of()), new Post.Ingest(Instant.now()), raw);
    }
}
