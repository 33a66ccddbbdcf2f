package io.socialpulse.source.bluesky;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.BlueskyConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.kit.Counts;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;
import io.socialpulse.source.kit.PlatformSource;
import io.socialpulse.source.kit.StatusLadder;

/**
 * Bluesky post search ({@code app.bsky.feed.searchPosts}, newest first) through the account's
 * host. A run asks for posts {@code since} the newest one the last run saw and pages with the
 * answer's {@code cursor}; the uris at the boundary are kept in the cursor, because {@code since}
 * is inclusive.
 */
public final class BlueskySource extends PlatformSource {

    private final BlueskyConfig config;
    private final BlueskySession session;
    private final String query;

    public BlueskySource(PlatformContext context, BlueskyConfig config, BlueskySession session, String query) {
        super(context, "bluesky", query, config.service(), config.interval(),
                context.governor().bucket("bluesky", config.identifier().orElse(""), "searchPosts"));
        this.config = config;
        this.session = session;
        this.query = query;
    }

    @Override
    protected Duration lookback() {
        return config.lookback();
    }

    @Override
    protected Uni<Fetched> fetch(ObjectNode cursor) {
        Instant now = context.clock().instant();
        String mark = Json.text(cursor, "since");
        // `since` filters on sortAt, the earlier of createdAt and indexedAt: a post indexed late sorts before
        // posts already read. Each run starts the look-back before the newest post seen; repeats are dropped.
        String since = mark == null ? null : iso(instant(mark).minus(config.lookback()));
        String page = Json.text(cursor, "page");
        URI uri = URI.create(config.service() + "/xrpc/app.bsky.feed.searchPosts?q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&sort=latest&limit=100"
                + (since == null ? "" : "&since=" + since)
                + (page == null ? "" : "&cursor=" + URLEncoder.encode(page, StandardCharsets.UTF_8)));
        return session.token().chain(token -> search(uri, token))
                .chain(answer -> expired(answer)
                        ? session.renew().chain(token -> search(uri, token))
                        : Uni.createFrom().item(answer))
                .map(answer -> read(answer, cursor, now));
    }

    private Uni<HttpAnswer> search(URI uri, String token) {
        return context.http().get(uri, Map.of("Authorization", "Bearer " + token));
    }

    private static boolean expired(HttpAnswer answer) {
        String error = answer.status() == 400 || answer.status() == 401 ? error(answer) : "";
        return error.contains("ExpiredToken") || error.contains("InvalidToken") || error.contains("AuthMissing");
    }

    /** The XRPC error name and message, or a clue when the answer is not JSON. */
    static String error(HttpAnswer answer) {
        try {
            JsonNode body = Json.parse(answer);
            return body.path("error").asText("") + ": " + body.path("message").asText("");
        } catch (PlatformException notJson) {
            return answer.header("content-type").orElse("no content type") + " " + answer.excerpt(80);
        }
    }

    private Fetched read(HttpAnswer answer, ObjectNode cursor, Instant fetchedAt) {
        long remaining = answer.remaining("ratelimit-remaining");
        Instant reset = answer.epochSeconds("ratelimit-reset");
        if (!answer.ok()) {
            throw failure(answer, reset);
        }
        bucket().succeeded(remaining, reset);
        JsonNode body = Json.parse(answer);
        JsonNode found = body.get("posts");
        if (found == null || !found.isArray()) {
            throw PlatformException.of(Kind.MALFORMED, "Bluesky search answer without 'posts'", answer);
        }
        cursor.remove("recent"); // kept by cursors stored before the look-back; the seen ids do its work now
        Instant newest = Json.text(cursor, "max") != null
                ? instant(cursor.get("max").asText())
                : Json.text(cursor, "since") != null ? instant(cursor.get("since").asText()) : null;
        Post.Match match = new Post.Match(id(), List.of(query));
        List<Post> posts = new ArrayList<>();
        for (JsonNode item : found) {
            Post post = post(item, match, fetchedAt, answer);
            posts.add(post);
            Instant sortAt = sortAt(item, post.createdAt());
            if (newest == null || sortAt.isAfter(newest)) {
                newest = sortAt;
            }
        }
        String next = Json.text(body, "cursor");
        if (next != null && !found.isEmpty() && Json.text(cursor, "since") != null) {
            cursor.put("page", next);
            if (newest != null) {
                cursor.put("max", iso(newest));
            }
            return new Fetched(posts, cursor, true);
        }
        ObjectNode after = Json.object();
        if (newest != null) {
            after.put("since", iso(newest));
        }
        return new Fetched(posts, after, false);
    }

    /** The time search sorts and filters a post by: the earlier of its createdAt and its indexedAt. */
    static Instant sortAt(JsonNode item, Instant createdAt) {
        String indexed = Json.text(item, "indexedAt");
        if (indexed == null) {
            return createdAt;
        }
        Instant at = instant(indexed);
        return at.isBefore(createdAt) ? at : createdAt;
    }

    private static final DateTimeFormatter ISO = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The form Bluesky writes its times in, milliseconds always shown. */
    static String iso(Instant at) {
        return ISO.format(at);
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(text);
        }
    }

    private PlatformException failure(HttpAnswer answer, Instant reset) {
        int status = answer.status();
        String error = error(answer);
        if (status == 403 && !answer.header("content-type").orElse("").contains("json")) {
            // The public AppView answers search with an HTML 403; search needs a session on a host.
            return PlatformException.of(Kind.AUTH, "Bluesky refused search at " + URI.create(config.service()).getHost()
                    + " with an HTML 403: the public host does not serve search; set SOURCES_BLUESKY_SERVICE to the"
                    + " account's host (https://bsky.social for most accounts)");
        }
        return LADDER.classify(answer, reset, error);
    }

    private static final StatusLadder LADDER = StatusLadder.of("Bluesky")
            .window((s, d) -> "Bluesky rate limit reached (" + d + ")")
            .auth((s, d) -> "Bluesky refused the session (" + d + ")")
            .refused((s, d) -> "Bluesky refused the search (HTTP " + s + " " + d + ")");

    public static Post post(JsonNode item, Post.Match match, Instant fetchedAt, HttpAnswer answer) {
        String uri = Json.required(item, "uri", "Bluesky post", answer);
        JsonNode record = item.path("record");
        String text = record.path("text").asText("");
        Instant created = Json.time(Json.required(record, "createdAt", "Bluesky post " + uri, answer),
                "Bluesky post " + uri, answer);
        Facets facets = Facets.of(record);
        JsonNode author = item.path("author");
        String handle = Json.text(author, "handle");
        Counts metrics = new Counts();
        metrics.add("likes", Json.number(item, "likeCount")).add("reposts", Json.number(item, "repostCount"))
                .add("replies", Json.number(item, "replyCount")).add("quotes", Json.number(item, "quoteCount"));
        String rkey = uri.substring(uri.lastIndexOf('/') + 1);
        return Post.builder("bluesky", rkey)
                .globalId(uri)
                .kind(kind(record))
                .url(handle == null ? null : "https://bsky.app/profile/" + handle + "/post/" + rkey)
                .author(author.isObject()
                        ? new Post.Author(Json.text(author, "did"), handle, Json.text(author, "displayName"),
                                handle == null ? null : "https://bsky.app/profile/" + handle, null)
                        : null)
                .text(text)
                .lang(record.path("langs").path(0).asText(null))
                .createdAt(created)
                .hashtags(facets.hashtags(text))
                .mentions(facets.mentions())
                .urls(facets.urls(text))
                .metrics(metrics.map())
                .match(match)
                .fetchedAt(fetchedAt)
                .raw(item)
                .build();
    }

    /** A reply, a quote (a post that embeds another post's record) or a post. */
    static String kind(JsonNode record) {
        if (record.has("reply")) {
            return "reply";
        }
        JsonNode embed = record.path("embed");
        String type = embed.path("$type").asText("");
        if (type.startsWith("app.bsky.embed.record")) {
            return "quote"; // app.bsky.embed.record and app.bsky.embed.recordWithMedia
        }
        return "post";
    }

}
