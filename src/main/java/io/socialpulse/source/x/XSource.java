package io.socialpulse.source.x;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.XConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;
import io.socialpulse.source.kit.PlatformSource;
import io.socialpulse.source.kit.StatusLadder;

/**
 * X API v2 recent search for one query. A run asks for posts after the committed {@code since_id}
 * and follows {@code next_token} (newest first) to the last page; only then does the cursor become
 * the first page's {@code newest_id}. A run in progress is part of the cursor, so a restart goes on
 * with the page after the last one Kinesis accepted. A {@code since_id} older than the 7 days
 * recent search covers is replaced by {@code start_time}.
 */
public final class XSource extends PlatformSource {

    static final String ENDPOINT = "/2/tweets/search/recent";
    private static final Duration RECENT = Duration.ofDays(7);
    private static final long TWITTER_EPOCH_MS = 1288834974657L;
    private static final String TWEET_FIELDS = "created_at,author_id,lang,conversation_id,public_metrics,entities,"
            + "referenced_tweets,in_reply_to_user_id,possibly_sensitive,edit_history_tweet_ids,note_tweet";

    private final XConfig config;
    private final String query;
    private final String token;
    private volatile boolean sinceRefused;

    public XSource(PlatformContext context, XConfig config, String query) {
        super(context, "x", query, config.baseUrl(), config.interval(),
                context.governor().bucket("x", config.bearerToken().orElse(""), ENDPOINT));
        this.config = config;
        this.query = query;
        this.token = config.bearerToken().orElse("");
    }

    /** The time an X id was made, from its snowflake bits. */
    static Instant idTime(String id) {
        return Instant.ofEpochMilli((Long.parseLong(id) >> 22) + TWITTER_EPOCH_MS);
    }

    @Override
    protected Uni<Fetched> fetch(ObjectNode cursor) {
        Instant now = context.clock().instant();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", query);
        params.put("max_results", Integer.toString(config.maxResults()));
        String since = Json.text(cursor, "since");
        if (since != null && (sinceRefused || idTime(since).isBefore(now.minus(RECENT).plus(Duration.ofMinutes(5))))) {
            // Recent search refuses a since_id older than 7 days: collect from the oldest time it covers.
            cursor.remove("since");
            cursor.put("start", now.minus(RECENT).plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS)
                    .toString());
            since = null;
        }
        if (since != null) {
            params.put("since_id", since);
        } else {
            String start = Json.text(cursor, "start");
            params.put("start_time", start != null
                    ? start
                    : now.minus(config.backfill()).truncatedTo(ChronoUnit.SECONDS).toString());
            cursor.put("start", params.get("start_time"));
        }
        String next = Json.text(cursor, "next");
        if (next != null) {
            params.put("next_token", next);
        }
        params.put("tweet.fields", TWEET_FIELDS);
        // The originals of retweets come in includes.tweets: their full text and entities.
        params.put("expansions",
                config.users()
                        ? "author_id,referenced_tweets.id,referenced_tweets.id.author_id"
                        : "referenced_tweets.id");
        if (config.users()) {
            params.put("user.fields", "username,name,verified,public_metrics");
        }
        URI uri = URI.create(config.baseUrl() + ENDPOINT + "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        return context.http().get(uri, Map.of("Authorization", "Bearer " + token))
                .map(answer -> read(answer, cursor, now));
    }

    private Fetched read(HttpAnswer answer, ObjectNode cursor, Instant fetchedAt) {
        long remaining = answer.remaining("x-rate-limit-remaining");
        Instant reset = answer.epochSeconds("x-rate-limit-reset");
        if (!answer.ok()) {
            throw failure(answer, cursor, reset);
        }
        bucket().succeeded(remaining, reset);
        sinceRefused = false;
        JsonNode page = Json.parse(answer);
        JsonNode meta = page.path("meta");
        if (!meta.isObject()) {
            throw PlatformException.of(Kind.MALFORMED, "X search answer without 'meta'", answer);
        }
        Map<String, JsonNode> users = XMapper.users(page);
        Map<String, JsonNode> included = XMapper.included(page);
        Post.Match match = new Post.Match(id(), List.of(query));
        List<Post> posts = new ArrayList<>();
        for (JsonNode tweet : page.path("data")) { // an empty result has no 'data' at all
            Post post = XMapper.post(tweet, users, included, match, fetchedAt, answer);
            if (!post.isRepost() || config.keepReposts()) {
                posts.add(post);
            }
        }
        if (cursor.get("newest") == null && Json.text(meta, "newest_id") != null) {
            cursor.put("newest", meta.get("newest_id").asText()); // the run's first page is its newest
        }
        String nextToken = Json.text(meta, "next_token");
        if (nextToken != null) {
            cursor.put("next", nextToken);
            return new Fetched(posts, cursor, true);
        }
        // The run is complete: from now on, only posts newer than the newest one it saw.
        ObjectNode after = Json.object();
        String newest = Json.text(cursor, "newest");
        if (newest != null) {
            after.put("since", newest);
        } else if (Json.text(cursor, "since") != null) {
            after.put("since", cursor.get("since").asText());
        }
        return new Fetched(posts, after, false);
    }

    private PlatformException failure(HttpAnswer answer, ObjectNode cursor, Instant reset) {
        String title = "";
        String detail = answer.excerpt(300);
        try {
            JsonNode body = Json.parse(answer);
            title = body.path("title").asText("") + " " + body.path("type").asText("");
            detail = body.path("detail").asText(body.path("errors").path(0).path("message").asText(detail));
        } catch (PlatformException notJson) {
            // keep the excerpt
        }
        int status = answer.status();
        if (status == 429 && (title.contains("UsageCapExceeded") || title.contains("usage-capped"))) {
            return new PlatformException(Kind.QUOTA, "X usage cap reached (" + detail + ")", null, answer);
        }
        if (status == 400 && answer.excerpt(2000).contains("since_id") && cursor.has("since")) {
            // The cursor is too old for recent search; the next fetch falls back to start_time.
            sinceRefused = true;
            return PlatformException.of(Kind.REQUEST, "X refused since_id " + cursor.get("since").asText()
                    + " (" + detail + "); collecting from start_time instead");
        }
        return LADDER.classify(answer, reset, detail);
    }

    private static final StatusLadder LADDER = StatusLadder.of("X")
            .auth((s, d) -> "X refused the bearer token (HTTP " + s + " " + d + "); check SOURCES_X_BEARER_TOKEN")
            .refused((s, d) -> "X refused the search (HTTP " + s + " " + d + "); check SOURCES_X_QUERIES");

}
