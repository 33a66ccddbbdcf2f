package io.socialpulse.source.mastodon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Entities;
import io.socialpulse.post.Post;
import io.socialpulse.source.platform.Html;
import io.socialpulse.source.platform.HttpAnswer;
import io.socialpulse.source.platform.Json;

/**
 * Mastodon statuses to {@link Post}. The id is the status {@code uri}, which is global; the
 * {@code id} field is local to the instance that answered and is kept as {@code nativeId}.
 */
public final class MastodonMapper {

    private MastodonMapper() {
    }

    public static Post post(JsonNode status, Post.Match match, Instant fetchedAt, HttpAnswer answer) {
        String uri = Json.required(status, "uri", "Mastodon status", answer);
        String id = Json.required(status, "id", "Mastodon status " + uri, answer);
        Instant createdAt = Json.time(Json.required(status, "created_at", "Mastodon status " + uri, answer),
                "Mastodon status " + uri, answer);
        String text = Html.text(Json.text(status, "content"));
        String warning = Json.text(status, "spoiler_text");
        if (warning != null && !warning.isBlank()) {
            text = warning + "\n" + text;
        }
        JsonNode account = status.path("account");
        Post.Author author = account.isObject()
                ? new Post.Author(Json.text(account, "id"), Json.text(account, "acct"),
                        Json.text(account, "display_name"), Json.text(account, "url"),
                        Json.number(account, "followers_count"))
                : null;
        List<String> hashtags = new ArrayList<>();
        for (JsonNode tag : status.path("tags")) {
            String name = Json.text(tag, "name");
            if (name != null && !hashtags.contains(Entities.normalize(name))) {
                hashtags.add(Entities.normalize(name));
            }
        }
        List<String> mentions = new ArrayList<>();
        for (JsonNode mention : status.path("mentions")) {
            String acct = Json.text(mention, "acct");
            if (acct != null) {
                mentions.add(Entities.normalize(acct));
            }
        }
        Map<String, Long> metrics = new LinkedHashMap<>();
        put(metrics, "likes", Json.number(status, "favourites_count"));
        put(metrics, "reposts", Json.number(status, "reblogs_count"));
        put(metrics, "replies", Json.number(status, "replies_count"));
        String kind = status.path("reblog").isObject()
                ? "repost"
                : Json.text(status, "in_reply_to_id") != null ? "reply" : "post";
        return new Post(Post.SCHEMA_VERSION, Post.idOf("mastodon", uri), "mastodon", id, kind,
                Json.text(status, "url") != null ? Json.text(status, "url") : uri, author, null, text,
                Json.text(status, "language"), createdAt, hashtags.isEmpty() ? Entities.hashtags(text) : hashtags,
                mentions, Entities.urls(text), metrics, match, new Post.Ingest(fetchedAt), status);
    }

    private static void put(Map<String, Long> metrics, String name, Long value) {
        if (value != null) {
            metrics.put(name, value);
        }
    }
}
