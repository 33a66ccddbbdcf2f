package io.socialpulse.source.youtube;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.config.YoutubeConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;
import io.socialpulse.source.kit.PlatformSource;
import io.socialpulse.source.kit.StatusLadder;

/**
 * YouTube Data API v3: the comment threads of one video or one channel ({@code commentThreads},
 * newest first, paged until a comment not newer than the cursor), or new videos for one search
 * query ({@code search}, {@code publishedAfter} the cursor). Every call is counted against the
 * daily quota before it is made; {@code quotaExceeded} parks the source until midnight Pacific.
 */
public final class YoutubeSource extends PlatformSource {

    /** What a source follows. */
    public enum Follows {
        VIDEO, CHANNEL, SEARCH
    }

    /** A 403 of a reason not known here is a refused request, not a key to replace. */
    private static final StatusLadder LADDER = StatusLadder.of("YouTube").noAuth()
            .window((status, detail) -> "YouTube limits requests for now (HTTP " + status + " " + detail + ")");

    private final YoutubeConfig config;
    private final YoutubeQuota quota;
    private final Follows kind;
    private final String target;

    public YoutubeSource(PlatformContext context, YoutubeConfig config, YoutubeQuota quota, Follows kind,
            String target) {
        super(context, "youtube", kind.name().toLowerCase(Locale.ROOT) + " " + target, config.baseUrl(),
                kind == Follows.SEARCH ? config.searchInterval() : config.commentsInterval(),
                context.governor().bucket("youtube", config.apiKey().orElse(""), kind == Follows.SEARCH
                        ? "search"
                        : "commentThreads"));
        this.config = config;
        this.quota = quota;
        this.kind = kind;
        this.target = target;
    }

    @Override
    protected Uni<Fetched> fetch(ObjectNode cursor) {
        Instant now = context.clock().instant();
        quota.spend(kind == Follows.SEARCH); // throws QUOTA before a call that the budget cannot pay for
        String page = Json.text(cursor, "page");
        String since = Json.text(cursor, "since");
        String key = "&key=" + URLEncoder.encode(config.apiKey().orElse(""), StandardCharsets.UTF_8);
        String path = switch (kind) {
            case VIDEO -> "/youtube/v3/commentThreads?part=snippet&order=time&maxResults=100&textFormat=plainText"
                    + "&videoId=" + target;
            case CHANNEL -> "/youtube/v3/commentThreads?part=snippet&order=time&maxResults=100&textFormat=plainText"
                    + "&allThreadsRelatedToChannelId=" + target;
            case SEARCH -> "/youtube/v3/search?part=snippet&type=video&order=date&maxResults=50&q="
                    + URLEncoder.encode(target, StandardCharsets.UTF_8)
                    + "&publishedAfter=" + (since != null ? since : now.minusSeconds(3600).toString());
        };
        URI uri = URI.create(config.baseUrl() + path + (page == null ? "" : "&pageToken=" + page) + key);
        Uni<Fetched> fetched = context.http().get(uri, Map.of()).map(answer -> read(answer, cursor, now));
        return kind == Follows.SEARCH && config.videoDetails() ? fetched.chain(f -> details(f, key)) : fetched;
    }

    /**
     * The search page's videos read again with {@code videos.list} (one unit for up to 50): the whole
     * description, the tags and the statistics. Without the budget for it, or when the call fails, the
     * videos are kept as search gave them.
     */
    private Uni<Fetched> details(Fetched fetched, String key) {
        if (fetched.posts().isEmpty()) {
            return Uni.createFrom().item(fetched);
        }
        try {
            quota.spend(false);
        } catch (PlatformException noBudget) {
            return Uni.createFrom().item(fetched);
        }
        String ids = String.join(",", fetched.posts().stream().limit(50).map(Post::nativeId).toList());
        URI uri = URI.create(config.baseUrl() + "/youtube/v3/videos?part=snippet,statistics&maxResults=50&id="
                + URLEncoder.encode(ids, StandardCharsets.UTF_8) + key);
        return context.http().get(uri, Map.of()).map(answer -> {
            if (!answer.ok()) {
                Log.warnf("source %s: videos.list answered HTTP %d; the videos are kept as search"
                        + " gave them", id(), answer.status());
                return fetched;
            }
            Map<String, JsonNode> byId = new HashMap<>();
            for (JsonNode video : Json.parse(answer).path("items")) {
                if (Json.text(video, "id") != null) {
                    byId.put(video.get("id").asText(), video);
                }
            }
            List<Post> detailed = fetched.posts().stream()
                    .map(post -> byId.containsKey(post.nativeId())
                            ? VideoDetails.apply(post, byId.get(post.nativeId()))
                            : post)
                    .toList();
            return new Fetched(detailed, fetched.cursor(), fetched.more());
        }).onFailure().recoverWithItem(f -> {
            Log.warnf("source %s: videos.list failed (%s); the videos are kept as search gave them",
                    id(), f.getMessage());
            return fetched;
        });
    }

    private Fetched read(HttpAnswer answer, ObjectNode cursor, Instant fetchedAt) {
        if (!answer.ok()) {
            throw failure(answer);
        }
        bucket().succeeded(-1, null);
        JsonNode body = Json.parse(answer);
        JsonNode items = body.get("items");
        if (items == null || !items.isArray()) {
            throw PlatformException.of(Kind.MALFORMED, "YouTube answer without 'items'", answer);
        }
        Instant since = cursor.has("since") ? Json.time(cursor.get("since").asText(), "cursor", answer) : null;
        Instant newest = cursor.has("max") ? Json.time(cursor.get("max").asText(), "cursor", answer) : since;
        Post.Match match = new Post.Match(id(), List.of(target));
        List<Post> posts = new ArrayList<>();
        boolean reached = false;
        for (JsonNode item : items) {
            Post post = kind == Follows.SEARCH
                    ? YoutubeMapper.video(item, match, fetchedAt, answer)
                    : YoutubeMapper.comment(item, match, fetchedAt,
                            answer);
            if (since != null && !post.createdAt().isAfter(since)) {
                reached = true; // newest first: everything from here on was collected before
                if (kind != Follows.SEARCH) {
                    break;
                }
                continue;
            }
            posts.add(post);
            newest = newest == null || post.createdAt().isAfter(newest) ? post.createdAt() : newest;
        }
        String next = Json.text(body, "nextPageToken");
        // A first run takes one page of comments; later runs page back to the cursor.
        if (next != null && !reached && since != null) {
            ObjectNode during = Json.object().put("since", since.toString()).put("page", next);
            if (newest != null) {
                during.put("max", newest.toString());
            }
            return new Fetched(posts, during, true);
        }
        ObjectNode after = Json.object();
        if (newest != null) {
            after.put("since", newest.toString());
        }
        return new Fetched(posts, after, false);
    }

    private PlatformException failure(HttpAnswer answer) {
        String reason = "";
        String message = answer.excerpt(200);
        try {
            JsonNode error = Json.parse(answer).path("error");
            reason = error.path("errors").path(0).path("reason").asText("");
            message = error.path("errors").path(0).path("message").asText(error.path("message").asText(message));
        } catch (PlatformException notJson) {
            // keep the excerpt
        }
        return switch (reason) {
            case "quotaExceeded", "dailyLimitExceeded" -> new PlatformException(Kind.QUOTA,
                    "YouTube quota used up (" + reason + "); resets at midnight Pacific", quota.nextReset(), answer);
            // A short-term limit on requests per second or minute: back off, the day's quota is not gone.
            case "rateLimitExceeded", "userRateLimitExceeded" -> new PlatformException(Kind.WINDOW,
                    "YouTube limits requests for now (" + reason + ")", null, answer);
            case "keyInvalid", "accessNotConfigured", "forbidden" -> PlatformException.of(Kind.AUTH,
                    "YouTube refused the API key (" + reason + ": " + message + "); check SOURCES_YOUTUBE_API_KEY");
            case "commentsDisabled" -> PlatformException.of(Kind.REQUEST, "YouTube video " + target
                    + " has comments turned off");
            // Any other reason reads by its status, as every platform's does.
            default -> LADDER.classify(answer, null, reason + ": " + message);
        };
    }
}
