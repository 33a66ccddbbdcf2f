package io.socialpulse.source.facebook;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.config.FacebookConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;
import io.socialpulse.source.kit.PlatformSource;
import io.socialpulse.source.kit.Secrets;

/**
 * The feed of one Facebook page (posts by the page and visitors) and the comments on them. A run
 * starts at the last seen {@code created_time} minus an overlap and follows {@code paging.next} as
 * an opaque URL; the cursor becomes the newest {@code created_time} once the run ends. The overlap
 * re-reads a few posts; the ids inside it are part of the cursor, so they are dropped even by a
 * process that has just started. After each run the comments of recent posts are swept newest
 * first ({@link CommentSweep}).
 */
public final class FacebookSource extends PlatformSource {

    private static final String POST_FIELDS = "id,message,message_tags,story,created_time,updated_time,permalink_url,from,"
            + "shares,reactions.summary(total_count).limit(0)";

    private final FacebookConfig config;
    private final String page;
    private final String token;
    private final String proof;

    public FacebookSource(PlatformContext context, FacebookConfig config, String page) {
        super(context, "facebook", page, config.baseUrl(), config.interval(),
                context.governor().bucket("facebook", config.accessToken().orElse(""), "page " + page));
        this.config = config;
        this.page = page;
        this.token = config.accessToken().orElse("");
        this.proof = config.appSecret().filter(secret -> !secret.isBlank()).map(secret -> proof(token, secret))
                .orElse(null);
        if (proof != null) {
            Secrets.register(proof);
        }
    }

    /** {@code appsecret_proof}: the token's HMAC-SHA256 keyed with the app secret, in hex. */
    static String proof(String token, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private URI proven(URI uri) {
        if (proof == null || (uri.getRawQuery() != null && uri.getRawQuery().contains("appsecret_proof="))) {
            return uri;
        }
        return URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + "appsecret_proof=" + proof);
    }

    private boolean sweeping() {
        return config.comments() && !config.commentsWindow().isZero();
    }

    @Override
    protected Uni<Fetched> fetch(ObjectNode cursor) {
        Instant now = context.clock().instant();
        String post = CommentSweep.current(cursor);
        if (post != null) {
            return comments(cursor, post, now);
        }
        URI uri;
        String next = Json.text(cursor, "next");
        if (next != null) {
            uri = URI.create(next);
        } else {
            Long since = Json.number(cursor, "since");
            long from = since != null
                    ? since - config.overlap().toSeconds()
                    : now.minus(config.backfill()).getEpochSecond();
            String comments = config.comments() && !sweeping()
                    ? ",comments.limit(25).summary(true){id,message,message_tags,created_time,from,like_count,comment_count,"
                            + "permalink_url}"
                    : ",comments.summary(true).limit(0)";
            uri = URI.create(config.baseUrl() + "/" + config.graphVersion() + "/" + page + "/feed?fields="
                    + URLEncoder.encode(POST_FIELDS + comments, StandardCharsets.UTF_8)
                    + "&limit=25&since=" + from);
            cursor.put("from", from);
        }
        return context.http().get(proven(uri), Map.of("Authorization", "Bearer " + token))
                .map(answer -> read(answer, cursor, now));
    }

    private Fetched read(HttpAnswer answer, ObjectNode cursor, Instant fetchedAt) {
        if (!answer.ok()) {
            PlatformException failure = GraphErrors.failure(answer, fetchedAt, "Facebook",
                    "SOURCES_FACEBOOK_ACCESS_TOKEN");
            throw failure.kind() == Kind.REQUEST || failure.kind() == Kind.AUTH
                    ? new PlatformException(failure.kind(), "page " + page + ": " + failure.getMessage(), null,
                            failure.answer())
                    : failure;
        }
        JsonNode body = Json.parse(answer);
        JsonNode data = body.get("data");
        if (data == null || !data.isArray()) {
            throw PlatformException.of(Kind.MALFORMED, "Facebook feed answer without a 'data' list", answer);
        }
        Post.Match match = new Post.Match(id(), List.of(page));
        List<Post> posts = new ArrayList<>();
        long newest = Math.max(Json.number(cursor, "max") == null ? 0 : Json.number(cursor, "max"),
                Json.number(cursor, "since") == null ? 0 : Json.number(cursor, "since"));
        // Ids of the overlap, kept in the cursor so a restarted process does not publish them again.
        ObjectNode recent = cursor.has("recent") ? (ObjectNode) cursor.get("recent") : cursor.putObject("recent");
        List<Post> found = new ArrayList<>();
        Long from = Json.number(cursor, "from");
        boolean older = !data.isEmpty();
        for (JsonNode item : data) {
            Post post = FacebookMapper.post(item, match, fetchedAt, answer);
            found.add(post);
            older &= from != null && post.createdAt().getEpochSecond() < from;
            newest = Math.max(newest, post.createdAt().getEpochSecond());
            if (sweeping() && !post.createdAt().isBefore(fetchedAt.minus(config.commentsWindow()))) {
                CommentSweep.track(cursor, post.nativeId(), post.createdAt().getEpochSecond());
            }
            if (config.comments()) {
                for (JsonNode comment : item.path("comments").path("data")) {
                    found.add(FacebookMapper.comment(comment, match, fetchedAt, answer));
                }
            }
        }
        for (Post post : found) {
            if (!recent.has(post.nativeId())) {
                posts.add(post);
                recent.put(post.nativeId(), post.createdAt().getEpochSecond());
            }
        }
        dropped(found.size() - posts.size());
        GraphErrors.succeeded(bucket(), answer, fetchedAt, "Facebook");
        String next = body.path("paging").path("next").asText(null);
        // A time-paged `next` goes on past the run's start; a page older than it ends the run.
        if (next != null && !older) {
            cursor.put("next", GraphErrors.nextPage(next, config.baseUrl(), "Facebook", answer));
            cursor.put("max", newest);
            return new Fetched(posts, cursor, true);
        }
        ObjectNode after = Json.object();
        if (newest > 0) {
            after.put("since", newest);
        }
        long overlapStart = newest - config.overlap().toSeconds();
        ObjectNode keep = after.putObject("recent");
        recent.fields().forEachRemaining(e -> {
            if (e.getValue().asLong() >= overlapStart) {
                keep.set(e.getKey(), e.getValue());
            }
        });
        if (cursor.has("threads")) {
            after.set("threads", cursor.get("threads"));
        }
        boolean sweep = sweeping() && CommentSweep.start(after, fetchedAt, config.commentsWindow());
        return new Fetched(posts, after, sweep);
    }

    /** One page of a post's comments, newest first, back to the newest one collected before. */
    private Uni<Fetched> comments(ObjectNode cursor, String post, Instant now) {
        long seen = CommentSweep.seen(cursor, post);
        String next = Json.text(cursor, "cnext");
        URI uri = next != null
                ? URI.create(next)
                : URI.create(config.baseUrl() + "/" + config.graphVersion() + "/" + post
                        + "/comments?order=reverse_chronological&filter=stream&limit=100&fields="
                        + URLEncoder.encode(CommentSweep.FIELDS, StandardCharsets.UTF_8)
                        + (seen > 0 ? "&since=" + seen : ""));
        return context.http().get(proven(uri), Map.of("Authorization", "Bearer " + token))
                .map(answer -> readComments(answer, cursor, post, seen, now));
    }

    private Fetched readComments(HttpAnswer answer, ObjectNode cursor, String post, long seen, Instant fetchedAt) {
        if (!answer.ok()) {
            PlatformException failure = GraphErrors.failure(answer, fetchedAt, "Facebook",
                    "SOURCES_FACEBOOK_ACCESS_TOKEN");
            if (failure.kind() == Kind.REQUEST) {
                // The post is gone or no longer readable: stop following it, go on with the others.
                Log.infof("source %s: comments of %s cannot be read (%s); no longer followed",
                        id(), post, failure.getMessage());
                return new Fetched(List.of(), cursor, CommentSweep.drop(cursor));
            }
            throw failure;
        }
        JsonNode body = Json.parse(answer);
        JsonNode data = body.get("data");
        if (data == null || !data.isArray()) {
            throw PlatformException.of(Kind.MALFORMED, "Facebook comments answer without a 'data' list", answer);
        }
        GraphErrors.succeeded(bucket(), answer, fetchedAt, "Facebook");
        Post.Match match = new Post.Match(id(), List.of(page));
        List<Post> comments = new ArrayList<>();
        long newest = Math.max(seen, cursor.path("cmax").asLong(0));
        boolean reached = false;
        for (JsonNode item : data) {
            Post comment = FacebookMapper.comment(item, match, fetchedAt, answer);
            long created = comment.createdAt().getEpochSecond();
            if (created <= seen) {
                reached = true; // newest first: the rest was collected by an earlier sweep
                break;
            }
            comments.add(comment);
            newest = Math.max(newest, created);
        }
        String next = body.path("paging").path("next").asText(null);
        if (next != null && !reached && !data.isEmpty()) {
            cursor.put("cnext", GraphErrors.nextPage(next, config.baseUrl(), "Facebook", answer));
            cursor.put("cmax", newest);
            return new Fetched(comments, cursor, true);
        }
        return new Fetched(comments, cursor, CommentSweep.finish(cursor, newest));
    }
}
