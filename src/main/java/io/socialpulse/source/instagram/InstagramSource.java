package io.socialpulse.source.instagram;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.InstagramConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.facebook.GraphErrors;
import io.socialpulse.source.kit.Counts;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;
import io.socialpulse.source.kit.PlatformSource;

/**
 * Recent media of one Instagram hashtag. The endpoint returns only the last 24 hours, in no
 * particular order, so there is no position to resume from: the cursor holds the hashtag id and
 * the ids collected in the last 25 hours, and a poll reads up to {@code SOURCES_INSTAGRAM_MAX_PAGES}
 * pages and keeps what is not among them. Poll at least every few hours or media will age out.
 */
public final class InstagramSource extends PlatformSource {

    static final Duration WINDOW = Duration.ofHours(25);
    static final int MAX_SEEN = 20_000;
    private static final String FIELDS = "id,caption,media_type,media_url,permalink,timestamp,like_count,comments_count";

    private final InstagramConfig config;
    private final InstagramHashtags hashtags;
    private final String hashtag;
    private final String token;

    public InstagramSource(PlatformContext context, InstagramConfig config, InstagramHashtags hashtags,
            String hashtag) {
        super(context, "instagram", hashtag, config.userId().orElse("") + "@" + config.baseUrl(), config.interval(),
                context.governor().bucket("instagram", config.accessToken().orElse(""), "hashtag media"));
        this.config = config;
        this.hashtags = hashtags;
        this.hashtag = hashtag.replaceFirst("^#", "");
        this.token = config.accessToken().orElse("");
    }

    @Override
    protected Uni<Fetched> fetch(ObjectNode cursor) {
        Instant now = context.clock().instant();
        String known = Json.text(cursor, "hashtagId");
        if (known != null) {
            hashtags.remember(hashtag, known);
        }
        return hashtags.id(hashtag).chain(hashtagId -> {
            cursor.put("hashtagId", hashtagId);
            String next = Json.text(cursor, "next");
            URI uri = next != null
                    ? URI.create(next)
                    : URI.create(config.baseUrl() + "/" + config.graphVersion() + "/" + hashtagId
                            + "/recent_media?user_id=" + config.userId().orElse("") + "&fields=" + FIELDS
                            + "&limit=50");
            return context.http().get(uri, Map.of("Authorization", "Bearer " + token))
                    .map(answer -> read(answer, cursor, now));
        });
    }

    private Fetched read(HttpAnswer answer, ObjectNode cursor, Instant fetchedAt) {
        if (!answer.ok()) {
            throw GraphErrors.failure(answer, fetchedAt, "Instagram", "SOURCES_INSTAGRAM_ACCESS_TOKEN");
        }
        JsonNode body = Json.parse(answer);
        JsonNode data = body.get("data");
        if (data == null || !data.isArray()) {
            throw PlatformException.of(Kind.MALFORMED, "Instagram recent_media answer without a 'data' list", answer);
        }
        ObjectNode seen = cursor.has("seen") ? (ObjectNode) cursor.get("seen") : cursor.putObject("seen");
        Post.Match match = new Post.Match(id(), List.of("#" + hashtag));
        List<Post> posts = new ArrayList<>();
        int unreadable = 0;
        for (JsonNode item : data) {
            Post post;
            try {
                post = post(item, match, fetchedAt, answer);
            } catch (PlatformException malformed) {
                // One media without a timestamp (or an id) is that item's problem, not the page's.
                unreadable++;
                String key = "bad-" + Integer.toHexString(item.hashCode());
                if (!seen.has(key)) {
                    seen.put(key, fetchedAt.getEpochSecond());
                    quarantineItem(answer, item, malformed.getMessage());
                }
                continue;
            }
            if (!seen.has(post.nativeId())) {
                posts.add(post);
                // When it was first seen: the endpoint shows media for 24 h after creation, so 25 h after
                // first sight it cannot come back (creation times from the platform are not trusted).
                seen.put(post.nativeId(), fetchedAt.getEpochSecond());
            }
        }
        dropped(data.size() - unreadable - posts.size());
        prune(seen, fetchedAt);
        GraphErrors.succeeded(bucket(), answer, fetchedAt, "Instagram");
        int pages = cursor.path("pages").asInt(0) + 1;
        String next = body.path("paging").path("next").asText(null);
        if (next != null && pages < config.maxPages()) {
            cursor.put("next", GraphErrors.nextPage(next, config.baseUrl(), "Instagram", answer));
            cursor.put("pages", pages);
            return new Fetched(posts, cursor, true);
        }
        cursor.remove("next");
        cursor.remove("pages");
        return new Fetched(posts, cursor, false);
    }

    /** Forgets ids older than the endpoint's window, and the oldest past the cap. */
    private static void prune(ObjectNode seen, Instant now) {
        long oldest = now.minus(WINDOW).getEpochSecond();
        for (Iterator<Map.Entry<String, JsonNode>> it = seen.fields(); it.hasNext();) {
            if (it.next().getValue().asLong() < oldest) {
                it.remove();
            }
        }
        for (Iterator<String> it = seen.fieldNames(); seen.size() > MAX_SEEN && it.hasNext();) {
            it.next();
            it.remove();
        }
    }

    static Post post(JsonNode item, Post.Match match, Instant fetchedAt, HttpAnswer answer) {
        String id = Json.required(item, "id", "Instagram media", answer);
        Instant createdAt = Json.time(Json.required(item, "timestamp", "Instagram media " + id, answer),
                "Instagram media " + id, answer);
        String caption = item.path("caption").asText("");
        Counts metrics = new Counts();
        metrics.add("likes", Json.number(item, "like_count")); // absent when the owner hides likes
        metrics.add("replies", Json.number(item, "comments_count"));
        // Hashtag search gives no username: the author is unknown by design.
        return Post.builder("instagram", id)
                .url(Json.text(item, "permalink"))
                .text(caption)
                .createdAt(createdAt)
                .entitiesOf(caption)
                .metrics(metrics.map())
                .match(match)
                .fetchedAt(fetchedAt)
                .raw(item)
                .build();
    }
}
