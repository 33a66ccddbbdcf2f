package io.socialpulse.source.mastodon;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Entities;
import io.socialpulse.post.Post;
import io.socialpulse.source.kit.Counts;
import io.socialpulse.source.kit.Html;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;

/**
 * Mastodon statuses to {@link Post}. The id is the status {@code uri}, which is global; the
 * {@code id} field is local to the instance that answered and is kept as {@code nativeId}.
 */
public final class MastodonMapper {

    private MastodonMapper() {
    }

    /**
     * One status. A local account's {@code acct} has no host: it gets the host of the account's
     * profile URL (or {@code host}, the instance's, without one), so that one person has one handle
     * whichever instance a status came through.
     */
    public static Post post(JsonNode status, Post.Match match, Instant fetchedAt, HttpAnswer answer, String host) {
        String uri = Json.required(status, "uri", "Mastodon status", answer);
        String id = Json.required(status, "id", "Mastodon status " + uri, answer);
        Instant createdAt = Json.time(Json.required(status, "created_at", "Mastodon status " + uri, answer),
                "Mastodon status " + uri, answer);
        JsonNode reblog = status.path("reblog");
        // A boost carries no words of its own: its text and tags are the original's, its metrics are not counted.
        JsonNode said = reblog.isObject() ? reblog : status;
        String text = Html.text(Json.text(said, "content"));
        String warning = Json.text(said, "spoiler_text");
        if (warning != null && !warning.isBlank()) {
            text = warning + "\n" + text;
        }
        Post.Author author = author(status.path("account"), host);
        List<String> hashtags = new ArrayList<>();
        for (JsonNode tag : said.path("tags")) {
            String name = Json.text(tag, "name");
            if (name != null && !hashtags.contains(Entities.normalize(name))) {
                hashtags.add(Entities.normalize(name));
            }
        }
        List<String> mentions = new ArrayList<>();
        for (JsonNode mention : said.path("mentions")) {
            String acct = qualified(Json.text(mention, "acct"), hostOf(Json.text(mention, "url"), host));
            if (acct != null && !mentions.contains(Entities.normalize(acct))) {
                mentions.add(Entities.normalize(acct));
            }
        }
        Counts metrics = new Counts();
        if (!reblog.isObject()) {
            putCounts(metrics, status);
        }
        String kind = reblog.isObject()
                ? "repost"
                : Json.text(status, "in_reply_to_id") != null ? "reply" : "post";
        String original = Json.text(reblog, "uri");
        return Post.builder("mastodon", id)
                .globalId(uri)
                .kind(kind)
                .repostOf(original == null ? null : Post.idOf("mastodon", original),
                        original == null ? null : author(reblog.path("account"), host))
                .url(Json.text(status, "url") != null ? Json.text(status, "url") : uri)
                .author(author)
                .text(text)
                .lang(Json.text(said, "language"))
                .createdAt(createdAt)
                .hashtags(hashtags.isEmpty() ? Entities.hashtags(text) : hashtags)
                .mentions(mentions)
                .urls(Entities.urls(text))
                .metrics(metrics.map())
                .match(match)
                .fetchedAt(fetchedAt)
                .raw(status)
                .build();
    }

    /** An account as a post author, its handle qualified with its own host. */
    private static Post.Author author(JsonNode account, String host) {
        return account.isObject()
                ? new Post.Author(Json.text(account, "id"),
                        qualified(Json.text(account, "acct"), hostOf(Json.text(account, "url"), host)),
                        Json.text(account, "display_name"), Json.text(account, "url"),
                        Json.number(account, "followers_count"))
                : null;
    }

    private static void putCounts(Counts metrics, JsonNode status) {
        metrics.add("likes", Json.number(status, "favourites_count"));
        metrics.add("reposts", Json.number(status, "reblogs_count"));
        metrics.add("replies", Json.number(status, "replies_count"));
        metrics.add("quotes", Json.number(status, "quotes_count"));
    }

    /** The host of an account's profile URL (a local account's is its instance), else {@code fallback}. */
    static String hostOf(String url, String fallback) {
        try {
            String host = url == null ? null : URI.create(url).getHost();
            return host != null ? host : fallback;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /** {@code user@host} for a local {@code user}; a remote {@code user@other} as it is. */
    static String qualified(String acct, String host) {
        if (acct == null || acct.isEmpty() || acct.contains("@") || host == null) {
            return acct;
        }
        return acct + "@" + host;
    }

}
