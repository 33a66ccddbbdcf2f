package io.socialpulse.source.hackernews;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.HackernewsConfig;
import io.socialpulse.post.Entities;
import io.socialpulse.post.Post;
import io.socialpulse.source.kit.Counts;
import io.socialpulse.source.kit.Html;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;
import io.socialpulse.source.kit.PlatformSource;
import io.socialpulse.source.kit.StatusLadder;

/**
 * Hacker News stories and comments matching a query, from Algolia's {@code search_by_date}. Each
 * run collects one time slice {@code [after, until)} completely, page by page, and then moves the
 * cursor to {@code until}. Algolia serves at most 1,000 hits per query, so a slice with more is
 * halved before any of it is taken. {@code until} trails the clock by a minute so items still
 * being indexed are not skipped.
 */
public final class HackernewsSource extends PlatformSource {

    static final int MAX_HITS = 1000;
    static final Duration INDEXING_LAG = Duration.ofMinutes(1);

    private final HackernewsConfig config;
    private final String query;

    public HackernewsSource(PlatformContext context, HackernewsConfig config, String query) {
        super(context, "hackernews", query, config.baseUrl(), config.interval(),
                context.governor().bucket("hackernews", null, "search_by_date"));
        this.config = config;
        this.query = query;
    }

    @Override
    protected Uni<Fetched> fetch(ObjectNode cursor) {
        Instant now = context.clock().instant();
        long after = cursor.has("after")
                ? cursor.get("after").asLong()
                : now.minus(config.backfill()).getEpochSecond();
        long until = cursor.has("until") ? cursor.get("until").asLong() : now.minus(INDEXING_LAG).getEpochSecond();
        if (until <= after) {
            return Uni.createFrom().item(new Fetched(List.of(), cursor, false));
        }
        int page = cursor.path("page").asInt(0);
        URI uri = URI.create(config.baseUrl() + "/api/v1/search_by_date?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&tags="
                + URLEncoder.encode(config.tags(), StandardCharsets.UTF_8) + "&numericFilters="
                + URLEncoder.encode("created_at_i>=" + after + ",created_at_i<" + until, StandardCharsets.UTF_8)
                + "&hitsPerPage=100&page=" + page);
        return context.http().get(uri, Map.of()).map(answer -> read(answer, after, until, page, now));
    }

    /** Algolia's public search takes no credentials: a 401 or 403 is a refused query like any other. */
    private static final StatusLadder LADDER = StatusLadder.of("Hacker News search").noAuth()
            .window((s, d) -> "Hacker News search throttled this address (HTTP " + s + ")")
            .refused((s, d) -> "Hacker News search refused the query (HTTP " + s + " " + d + ")");

    private Fetched read(HttpAnswer answer, long after, long until, int page, Instant fetchedAt) {
        if (!answer.ok()) {
            throw LADDER.classify(answer, null, answer.excerpt(200));
        }
        bucket().succeeded(-1, null);
        JsonNode body = Json.parse(answer);
        JsonNode hits = body.get("hits");
        if (hits == null || !hits.isArray()) {
            throw PlatformException.of(Kind.MALFORMED, "Hacker News answer without 'hits'", answer);
        }
        long total = body.path("nbHits").asLong(0);
        if (page == 0 && total > MAX_HITS && until - after > 1) {
            // Past 1,000 hits Algolia stops paging: take a slice half as long first.
            ObjectNode smaller = Json.object().put("after", after).put("until", after + (until - after) / 2);
            return new Fetched(List.of(), smaller, true);
        }
        Post.Match match = new Post.Match(id(), List.of(query));
        List<Post> posts = new ArrayList<>();
        for (JsonNode hit : hits) {
            posts.add(post(hit, match, fetchedAt, answer));
        }
        if (page + 1 < body.path("nbPages").asInt(0) && !hits.isEmpty()) {
            ObjectNode next = Json.object().put("after", after).put("until", until).put("page", page + 1);
            return new Fetched(posts, next, true);
        }
        return new Fetched(posts, Json.object().put("after", until), false);
    }

    static Post post(JsonNode hit, Post.Match match, Instant fetchedAt, HttpAnswer answer) {
        String id = Json.required(hit, "objectID", "Hacker News hit", answer);
        Long created = Json.number(hit, "created_at_i");
        if (created == null || Math.abs(created) > 1_000_000_000_000_000L) { // beyond what an Instant holds
            throw PlatformException.of(Kind.MALFORMED, "Hacker News hit " + id + " without a usable created_at_i",
                    answer);
        }
        boolean comment = Json.text(hit, "comment_text") != null;
        String title = comment ? null : Json.text(hit, "title");
        String html = comment ? Json.text(hit, "comment_text") : Json.text(hit, "story_text");
        String body = Html.text(html);
        String text = title == null ? body : body.isEmpty() ? title : title + "\n" + body;
        Counts metrics = new Counts();
        metrics.add("likes", Json.number(hit, "points"));
        metrics.add("replies", Json.number(hit, "num_comments"));
        String author = Json.text(hit, "author");
        // HN shortens long link text with "..."; the href holds the whole address.
        List<String> urls = new ArrayList<>(Html.links(html));
        for (String url : Entities.urls(title)) {
            if (!urls.contains(url)) {
                urls.add(url);
            }
        }
        String link = Json.text(hit, "url");
        if (link != null && !urls.contains(link)) {
            urls.add(0, link);
        }
        return Post.builder("hackernews", id)
                .kind(comment ? "comment" : "post")
                .url("https://news.ycombinator.com/item?id=" + id)
                .author(author == null
                        ? null
                        : new Post.Author(author, author, null, "https://news.ycombinator.com/user?id=" + author, null))
                .title(title)
                .text(text)
                .createdAt(Instant.ofEpochSecond(created))
                .entitiesOf(text)
                .urls(urls)
                .metrics(metrics.map())
                .match(match)
                .fetchedAt(fetchedAt)
                .raw(hit)
                .build();
    }
}
