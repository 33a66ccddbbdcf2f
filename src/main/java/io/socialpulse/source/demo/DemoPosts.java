package io.socialpulse.source.demo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.socialpulse.post.Entities;
import io.socialpulse.post.Post;

/** Builds a demo post the way a connector maps a platform payload, raw payload included. */
final class DemoPosts {

    private DemoPosts() {
    }

    static Post post(String platform, String nativeId, Post.Author author, String text, Instant createdAt,
            Map<String, Long> metrics) {
        ObjectNode raw = JsonNodeFactory.instance.objectNode()
                .put("id", nativeId).put("author", author.handle()).put("text", text)
                .put("created_at", createdAt.toString());
        metrics.forEach(raw::put);
        return new Post(Post.SCHEMA_VERSION, Post.idOf(platform, nativeId), platform, nativeId, "post",
                "https://demo.social-pulse.invalid/" + platform + "/" + nativeId, author, null, text, "en", createdAt,
                Entities.hashtags(text), Entities.mentions(text), Entities.urls(text), metrics,
                new Post.Match("demo", List.of()), new Post.Ingest(Instant.now()), raw);
    }

    /** {@code reposter}'s repost of {@code original}: its words and tags, none of its metrics. */
    static Post repost(Post original, String nativeId, Post.Author reposter, Instant createdAt) {
        ObjectNode raw = JsonNodeFactory.instance.objectNode()
                .put("id", nativeId).put("author", reposter.handle()).put("reposted", original.nativeId())
                .put("created_at", createdAt.toString());
        return new Post(Post.SCHEMA_VERSION, Post.idOf(original.platform(), nativeId), original.platform(), nativeId,
                "post", "https://demo.social-pulse.invalid/" + original.platform() + "/" + nativeId, reposter, null,
                original.text(), "en", createdAt, original.hashtags(), original.mentions(), original.urls(), Map.of(),
                new Post.Match("demo", List.of()), new Post.Ingest(Instant.now()), raw)
                .asRepostOf(original.id(), original.author());
    }
}
