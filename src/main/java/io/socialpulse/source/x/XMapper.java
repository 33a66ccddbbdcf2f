package io.socialpulse.source.x;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Entities;
import io.socialpulse.post.Post;
import io.socialpulse.source.kit.Counts;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;

/**
 * X API v2 posts (the {@code data} items of a search page, with the {@code includes.users} of the
 * same page) to {@link Post}. The tweet object is kept verbatim as {@code raw}.
 */
public final class XMapper {

    private XMapper() {
    }

    /** The users of a page's {@code includes}, by id. */
    public static Map<String, JsonNode> users(JsonNode page) {
        return byId(page.path("includes").path("users"));
    }

    /** The posts a page's {@code includes} carries (the originals of its retweets and quotes), by id. */
    public static Map<String, JsonNode> included(JsonNode page) {
        return byId(page.path("includes").path("tweets"));
    }

    private static Map<String, JsonNode> byId(JsonNode objects) {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode object : objects) {
            String id = Json.text(object, "id");
            if (id != null) {
                byId.put(id, object);
            }
        }
        return byId;
    }

    /**
     * One post of a page. A retweet's own {@code text} is cut to "RT @user: ..." with most of the
     * original's entities missing, and its {@code public_metrics} are the original's: it becomes a
     * {@code repost} of the original (a post id in {@code repostOf}) with the original's full text and
     * entities and no metrics, so that amplification counts but the original's likes are never summed
     * per retweet. A post over 280 characters comes whole only in {@code note_tweet}.
     */
    public static Post post(JsonNode tweet, Map<String, JsonNode> users, Map<String, JsonNode> included,
            Post.Match match, Instant fetchedAt, HttpAnswer answer) {
        String id = Json.required(tweet, "id", "X post", answer);
        Json.required(tweet, "text", "X post " + id, answer);
        Instant createdAt = Json.time(Json.required(tweet, "created_at", "X post " + id, answer), "X post " + id,
                answer);
        Post.Author author = author(Json.text(tweet, "author_id"), users);
        String username = author == null ? null : author.handle();
        String retweeted = referenced(tweet, "retweeted");
        JsonNode original = retweeted == null ? null : included.get(retweeted);
        JsonNode said = original != null ? original : tweet;
        String text = unescape(fullText(said));
        JsonNode entities = said.path("note_tweet").path("entities").isObject()
                ? said.path("note_tweet").path("entities")
                : said.path("entities");
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
            if (expanded != null && !urls.contains(expanded)) {
                urls.add(expanded);
            }
        }
        if (entities.isMissingNode()) {
            hashtags = Entities.hashtags(text);
            mentions = Entities.mentions(text);
            urls = Entities.urls(text);
        }
        Counts metrics = new Counts();
        if (retweeted == null) {
            JsonNode counts = tweet.path("public_metrics");
            metrics.add("likes", Json.number(counts, "like_count"));
            metrics.add("reposts", Json.number(counts, "retweet_count"));
            metrics.add("replies", Json.number(counts, "reply_count"));
            metrics.add("quotes", Json.number(counts, "quote_count"));
            metrics.add("bookmarks", Json.number(counts, "bookmark_count"));
            metrics.add("views", Json.number(counts, "impression_count"));
        }
        return Post.builder("x", id)
                .kind(retweeted == null ? kind(tweet) : "repost")
                .repostOf(retweeted == null ? null : Post.idOf("x", retweeted),
                        original == null ? null : author(Json.text(original, "author_id"), users))
                .url("https://x.com/" + (username == null ? "i/web" : username) + "/status/" + id)
                .author(author)
                .text(text)
                .lang(language(Json.text(said, "lang")))
                .createdAt(createdAt)
                .hashtags(hashtags)
                .mentions(mentions)
                .urls(urls)
                .metrics(metrics.map())
                .match(match)
                .fetchedAt(fetchedAt)
                .raw(tweet)
                .build();
    }

    /** The author {@code authorId} names, with what the page's {@code includes.users} says of them. */
    private static Post.Author author(String authorId, Map<String, JsonNode> users) {
        if (authorId == null) {
            return null;
        }
        JsonNode user = users.get(authorId);
        String username = user == null ? null : Json.text(user, "username");
        return new Post.Author(authorId, username, user == null ? null : Json.text(user, "name"),
                username == null ? null : "https://x.com/" + username,
                user == null ? null : Json.number(user.path("public_metrics"), "followers_count"));
    }

    /** The whole text: {@code note_tweet.text} for a long post, {@code text} otherwise. */
    private static String fullText(JsonNode tweet) {
        String note = Json.text(tweet.path("note_tweet"), "text");
        return note != null ? note : tweet.path("text").asText("");
    }

    /** X escapes exactly three characters in {@code text}; nothing else is decoded. */
    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /**
     * A BCP 47 tag, or null for X's codes that name no language: {@code und} (undetermined),
     * {@code zxx} (no text) and the {@code q..} codes (media only, hashtags only, mentions only...).
     */
    static String language(String lang) {
        if (lang == null || lang.isEmpty() || lang.equals("und") || lang.equals("zxx")
                || (lang.length() == 3 && lang.charAt(0) == 'q')) {
            return null;
        }
        return lang;
    }

    /** The id of the post this one references as {@code type}, if any. */
    static String referenced(JsonNode tweet, String type) {
        for (JsonNode reference : tweet.path("referenced_tweets")) {
            if (type.equals(reference.path("type").asText())) {
                return Json.text(reference, "id");
            }
        }
        return null;
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

}
