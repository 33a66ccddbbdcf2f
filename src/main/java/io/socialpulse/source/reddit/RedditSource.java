package io.socialpulse.source.reddit;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.RedditConfig;
import io.socialpulse.post.Entities;
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
 * Reddit search, newest first, for one query. The cursor is the newest post's fullname and time:
 * each poll asks for what came {@code before} it. When that post has been deleted Reddit answers
 * nothing at all, so after a few empty answers in a row the source reads the newest page and keeps
 * what is newer than the cursor's time.
 */
public final class RedditSource extends PlatformSource {

    static final int LIMIT = 100;
    static final int EMPTY_BEFORE_CHECK = 5;

    private final RedditConfig config;
    private final RedditToken token;
    private final String query;

    public RedditSource(PlatformContext context, RedditConfig config, RedditToken token, String query) {
        super(context, "reddit", query, config.baseUrl(), config.interval(),
                context.governor().bucket("reddit", config.clientId().orElse(""), "oauth"));
        this.config = config;
        this.token = token;
        this.query = query;
    }

    @Override
    protected Uni<Fetched> fetch(ObjectNode cursor) {
        Instant now = context.clock().instant();
        String before = Json.text(cursor, "before");
        boolean check = before != null && cursor.path("empty").asInt(0) >= EMPTY_BEFORE_CHECK;
        URI uri = URI.create(config.baseUrl() + "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&sort=new&type=link&limit=" + LIMIT + "&raw_json=1"
                + (before == null || check ? "" : "&before=" + before));
        return token.get().chain(bearer -> context.http().get(uri, Map.of("Authorization", "bearer " + bearer,
                "User-Agent", config.userAgent().orElse("")))).map(answer -> read(answer, cursor, check, now));
    }

    /** A 401 is handled before: the app token expired and is fetched again. */
    private static final StatusLadder LADDER = StatusLadder.of("Reddit")
            .auth((s, d) -> "Reddit refused access (HTTP " + s + " " + d
                    + "); the app may lack approval for the Data API")
            .refused((s, d) -> "Reddit refused the search (HTTP " + s + " " + d + ")");

    private Fetched read(HttpAnswer answer, ObjectNode cursor, boolean check, Instant fetchedAt) {
        long remaining = answer.remaining("x-ratelimit-remaining");
        Double resetIn = answer.number("x-ratelimit-reset");
        Instant reset = resetIn == null ? null : fetchedAt.plusMillis((long) (resetIn * 1000));
        if (answer.status() == 401) {
            token.invalidate();
            throw PlatformException.of(Kind.TRANSIENT, "Reddit refused the token; fetching a new one");
        }
        if (!answer.ok()) {
            throw LADDER.classify(answer, reset, answer.excerpt(120));
        }
        bucket().succeeded(remaining, reset);
        JsonNode listing = Json.parse(answer);
        JsonNode children = listing.path("data").get("children");
        if (children == null || !children.isArray()) {
            throw PlatformException.of(Kind.MALFORMED, "Reddit answer is not a listing", answer);
        }
        long since = cursor.path("created").asLong(0);
        Post.Match match = new Post.Match(id(), List.of(query));
        List<Post> posts = new ArrayList<>();
        for (JsonNode child : children) {
            Post post = post(child.path("data"), match, fetchedAt, answer);
            if (!check || post.createdAt().getEpochSecond() > since) {
                posts.add(post);
            }
        }
        ObjectNode after = Json.object();
        if (posts.isEmpty()) {
            if (Json.text(cursor, "before") != null) {
                after.put("before", cursor.get("before").asText()).put("created", since);
                after.put("empty", check ? 0 : cursor.path("empty").asInt(0) + 1);
            }
            return new Fetched(posts, after, false);
        }
        // Newest first: the first post is the new cursor.
        after.put("before", "t3_" + posts.get(0).nativeId()).put("created", posts.get(0).createdAt().getEpochSecond());
        boolean more = Json.text(cursor, "before") != null && !check && children.size() >= LIMIT;
        return new Fetched(posts, after, more);
    }

    public static Post post(JsonNode data, Post.Match match, Instant fetchedAt, HttpAnswer answer) {
        String id = Json.required(data, "id", "Reddit post", answer);
        double seconds = data.path("created_utc").asDouble(Double.NaN);
        // A time that is not a number, or beyond what an Instant holds ("Infinity" parses as a number).
        Long created = Double.isFinite(seconds) && Math.abs(seconds) < 1e15 ? (long) seconds : null;
        if (created == null) {
            throw PlatformException.of(Kind.MALFORMED, "Reddit post " + id + " without a usable created_utc", answer);
        }
        String title = present(data.path("title").asText(""));
        String body = present(data.path("selftext").asText(""));
        String text = body.isEmpty() ? title : title.isEmpty() ? body : title + "\n" + body;
        String author = present(Json.text(data, "author"));
        author = author == null || author.isEmpty() ? null : author;
        Counts metrics = new Counts();
        metrics.add("likes", Json.number(data, "score"));
        metrics.add("replies", Json.number(data, "num_comments"));
        List<String> urls = new ArrayList<>(Entities.urls(text));
        String link = Json.text(data, "url");
        if (link != null && !data.path("is_self").asBoolean(false) && !urls.contains(link)) {
            urls.add(0, link);
        }
        String permalink = Json.text(data, "permalink");
        String subreddit = Json.text(data, "subreddit");
        String crossposted = Json.text(data, "crosspost_parent"); // the fullname of the original, t3_...
        boolean crosspost = crossposted != null && crossposted.startsWith("t3_");
        return Post.builder("reddit", id)
                .globalId("t3_" + id)
                .kind(crosspost ? "repost" : "post")
                .repostOf(crosspost ? Post.idOf("reddit", crossposted) : null, crosspost ? crosspostAuthor(data) : null)
                .url(permalink == null ? null : "https://www.reddit.com" + permalink)
                .author(author == null
                        ? null
                        : new Post.Author(Json.text(data, "author_fullname"), author, author,
                                "https://www.reddit.com/user/" + author, null))
                .title(title.isEmpty() ? null : title)
                .text(text)
                .createdAt(Instant.ofEpochSecond(created))
                .entitiesOf(text)
                .urls(urls)
                .metrics(metrics.map())
                .match(match)
                .community(subreddit == null ? null : "r/" + subreddit)
                .fetchedAt(fetchedAt)
                .raw(data)
                .build();
    }

    /** The original's author, from the copy of it Reddit sends with a crosspost. */
    private static Post.Author crosspostAuthor(JsonNode data) {
        JsonNode original = data.path("crosspost_parent_list").path(0);
        String author = present(Json.text(original, "author"));
        return author == null || author.isEmpty()
                ? null
                : new Post.Author(Json.text(original, "author_fullname"), author, author,
                        "https://www.reddit.com/user/" + author, null);
    }

    /** Reddit puts {@code [removed]} and {@code [deleted]} where a body or author was taken away: that is no text. */
    static String present(String value) {
        return value == null || value.equals("[removed]") || value.equals("[deleted]")
                ? (value == null ? null : "")
                : value;
    }

}
