package io.socialpulse.source.facebook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Entities;
import io.socialpulse.post.Post;
import io.socialpulse.source.kit.Counts;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;

/** Facebook Graph page posts and their comments to {@link Post}; each object kept verbatim as {@code raw}. */
public final class FacebookMapper {

    private FacebookMapper() {
    }

    public static Post post(JsonNode item, Post.Match match, Instant fetchedAt, HttpAnswer answer) {
        String id = Json.required(item, "id", "Facebook post", answer);
        Counts metrics = new Counts();
        metrics.add("likes", Json.number(item.path("reactions").path("summary"), "total_count"));
        metrics.add("shares", Json.number(item.path("shares"), "count"));
        metrics.add("replies", Json.number(item.path("comments").path("summary"), "total_count"));
        return map(item, id, "post", firstText(item, "message", "story"), metrics, match, fetchedAt, answer);
    }

    public static Post comment(JsonNode item, Post.Match match, Instant fetchedAt, HttpAnswer answer) {
        String id = Json.required(item, "id", "Facebook comment", answer);
        Counts metrics = new Counts();
        metrics.add("likes", Json.number(item, "like_count"));
        metrics.add("replies", Json.number(item, "comment_count"));
        return map(item, id, "comment", firstText(item, "message"), metrics, match, fetchedAt, answer);
    }

    private static Post map(JsonNode item, String id, String kind, String text, Counts metrics,
            Post.Match match, Instant fetchedAt, HttpAnswer answer) {
        Instant createdAt = Json.time(Json.required(item, "created_time", "Facebook " + kind + " " + id,
                answer), "Facebook " + kind + " " + id, answer);
        JsonNode from = item.path("from");
        String authorId = Json.text(from, "id");
        Post.Author author = from.isObject()
                ? new Post.Author(authorId, Json.text(from, "name"), Json.text(from, "name"),
                        authorId == null ? null : "https://www.facebook.com/" + authorId, null)
                : null;
        return Post.builder("facebook", id)
                .kind(kind)
                .url(Json.text(item, "permalink_url"))
                .author(author)
                .text(text)
                .createdAt(createdAt)
                .entitiesOf(text)
                .mentions(mentions(item, text))
                .metrics(metrics.map())
                .match(match)
                .fetchedAt(fetchedAt)
                .raw(item)
                .build();
    }

    /** The profiles and pages {@code message_tags} names (by id), then handles written in the text. */
    private static List<String> mentions(JsonNode item, String text) {
        List<String> mentions = new ArrayList<>();
        for (JsonNode tag : item.path("message_tags")) {
            String id = Json.text(tag, "id") != null ? Json.text(tag, "id") : Json.text(tag, "name");
            if (id != null && !mentions.contains(id)) {
                mentions.add(id);
            }
        }
        for (String handle : Entities.mentions(text)) {
            if (!mentions.contains(handle)) {
                mentions.add(handle);
            }
        }
        return mentions;
    }

    private static String firstText(JsonNode item, String... fields) {
        for (String field : fields) {
            String value = Json.text(item, field);
            if (value != null) {
                return value;
            }
        }
        return "";
    }

}
