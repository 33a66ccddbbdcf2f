package io.socialpulse.source.demo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
        return Post.builder(platform, nativeId)
                .url("https://demo.social-pulse.invalid/" + platform + "/" + nativeId)
                .author(author)
                .text(text)
                .lang("en")
                .createdAt(createdAt)
                .entitiesOf(text)
                .metrics(metrics)
                .match(new Post.Match("demo", List.of()))
                .fetchedAt(Instant.now())
                .raw(raw)
                .build();
    }

    /** {@code reposter}'s repost of {@code original}: its words and tags, none of its metrics. */
    static Post repost(Post original, String nativeId, Post.Author reposter, Instant createdAt) {
        ObjectNode raw = JsonNodeFactory.instance.objectNode()
                .put("id", nativeId).put("author", reposter.handle()).put("reposted", original.nativeId())
                .put("created_at", createdAt.toString());
        return Post.builder(original.platform(), nativeId)
                .kind("repost")
                .repostOf(original.id(), original.author())
                .url("https://demo.social-pulse.invalid/" + original.platform() + "/" + nativeId)
                .author(reposter)
                .text(original.text())
                .lang("en")
                .createdAt(createdAt)
                .hashtags(original.hashtags())
                .mentions(original.mentions())
                .urls(original.urls())
                .match(new Post.Match("demo", List.of()))
                .fetchedAt(Instant.now())
                .raw(raw)
                .build();
    }
}
