package io.socialpulse.source.x;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Entities;
import io.socialpulse.post.Post;
import io.socialpulse.source.platform.HttpAnswer;
import io.socialpulse.source.platform.Json;

/**
 * X API v2 posts (the {@code data} items of a search page, with the {@code includes.users} of the
 * same page) to {@link Post}. The tweet object is kept verbatim as {@code raw}.
 */
public final class XMapper {

    private XMapper() {
    }

    /** The users of a page's {@code includes}, by id. */
    public static Map<String, JsonNode> users(JsonNode page) {
        Map<String, JsonNode> users = new HashMap<>();
        for (JsonNode user : page.path("includes").path("users")) {
            String id = Json.text(user, "id");
            if (id != null) {
                users.put(id, user);
            }
        }
        return users;
    }

    public static Post post(JsonNode tweet, Map<String, JsonNode> users, Post.Match match, Instant fetchedAt,
            HttpAnswer answer) {
        String id = Json.required(tweet, "id", "X post", answer);
        String text = Json.required(tweet, "text", "X post " + id, answer);
        Instant createdAt = Json.time(Json.required(tweet, "created_at", "X post " + id, answer), "X post " + id,
                answer);
        String authorId = Json.text(tweet, "author_id");
        JsonNode user = authorId == null ? null : users.get(authorId);
        String username = user == null ? null : Json.text(user, "username");
        Post.Author author = authorId == null
                ? null
                : new Post.Author(authorId, username, user == null ? null : Json.text(user, "name"),
                        username == null ? null : "https://x.com/" + username,
                        user == null ? null : Json.number(user.path("public_metrics"), "followers_count"));
        JsonNode entities = tweet.path("entities");
        List<String> hashtags = new ArrayList<>();
        for (JsonNode tag : entities.path("hashtags")) {
            add(hashtags, Json.text(tag, "tag"));
        }
        List<String> mentions = new ArrayList<>();
        for (JsonNode mention : entities.path("mentions")) {
            add(mentions, Json.text(mention, "username"));
        }
        List<String> urls = new ArrayList<>();
        for (JsonNode url : entities.path("urls")) {
            String expanded = Json.text(url, "expanded_url");
            if (expanded != null) {
                urls.add(expanded);
            }
        }
        if (entities.isMissingNode()) {
            hashtags = Entities.hashtags(text);
            mentions = Entities.mentions(text);
            urls = Entities.urls(text);
        }
        JsonNode counts = tweet.path("public_metrics");
        Map<String, Long> metrics = new LinkedHashMap<>();
        put(metrics, "likes", Json.number(counts, "like_count"));
        put(metrics, "reposts", Json.number(counts, "retweet_count"));
        put(metrics, "replies", Json.number(counts, "reply_count"));
        put(metrics, "quotes", Json.number(counts, "quote_count"));
        put(metrics, "bookmarks", Json.number(counts, "bookmark_count"));
        put(metrics, "views", Json.number(counts, "impression_count"));
        return new Post(Post.SCHEMA_VERSION, Post.idOf("x", id), "x", id, kind(tweet),
                "https://x.com/" + (username == null ? "i/web" : username) + "/status/" + id, author, null, text,
                Json.text(tweet, "lang"), createdAt, hashtags, mentions, urls, metrics, match,
                new Post.Ingest(fetchedAt), tweet);
    }

    private static String kind(JsonNode tweet) {
        for (JsonNode reference : tweet.path("referenced_tweets")) {
            switch (reference.path("type").asText()) {
                case "retweeted" :
                    return "repost";
                case "quoted" :
                    return "quote";
                case "replied_to" :
                    return "reply";
                default :
                    break;
            }
        }
        return "post";
    }

    private static void add(List<String> into, String value) {
        if (value != null && !value.isEmpty()) {
            String key = Entities.normalize(value);
            if (!into.contains(key)) {
                into.add(key);
            }
        }
    }

    private static void put(Map<String, Long> metrics, String name, Long value) {
        if (value != null) {
            metrics.put(name, value);
        }
    }
}
