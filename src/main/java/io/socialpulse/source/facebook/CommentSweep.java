package io.socialpulse.source.facebook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.socialpulse.source.kit.Json;

/**
 * The comments of a page's recent posts, read newest first. A feed returns a post's comments oldest
 * first, and only while the post is inside the feed's overlap, so most comments, which come hours
 * later, were never read. Each post younger than the window is tracked in the cursor under
 * {@code threads} ({@code id: [created, newest comment seen]}, epoch seconds); after every feed
 * run the tracked posts are swept in turn ({@code sweep}, newest post first), each read back only
 * to the newest comment seen before.
 */
final class CommentSweep {

    /** At most this many posts are followed; the newest win. */
    static final int MAX_THREADS = 200;
    static final String FIELDS = "id,message,message_tags,created_time,from,like_count,comment_count,permalink_url";

    private CommentSweep() {
    }

    /** Follows {@code postId} (created at {@code created}) if it is not followed yet. */
    static void track(ObjectNode cursor, String postId, long created) {
        ObjectNode threads = threads(cursor);
        if (!threads.has(postId)) {
            threads.putArray(postId).add(created).add(0L);
        }
    }

    /** Starts a sweep over the posts still inside {@code window}; true when there is one to make. */
    static boolean start(ObjectNode cursor, Instant now, Duration window) {
        ObjectNode threads = threads(cursor);
        long oldest = now.minus(window).getEpochSecond();
        List<Map.Entry<String, JsonNode>> kept = new ArrayList<>();
        threads.fields().forEachRemaining(e -> {
            if (e.getValue().path(0).asLong() >= oldest) {
                kept.add(e);
            }
        });
        kept.sort(Comparator.comparingLong((Map.Entry<String, JsonNode> e) -> e.getValue().path(0).asLong())
                .reversed());
        ObjectNode pruned = Json.object();
        ArrayNode sweep = Json.object().putArray("sweep");
        for (Map.Entry<String, JsonNode> e : kept.subList(0, Math.min(kept.size(), MAX_THREADS))) {
            pruned.set(e.getKey(), e.getValue());
            sweep.add(e.getKey());
        }
        cursor.set("threads", pruned);
        if (sweep.isEmpty()) {
            cursor.remove("sweep");
            return false;
        }
        cursor.set("sweep", sweep);
        return true;
    }

    /** The post being swept, or null when no sweep is under way. */
    static String current(JsonNode cursor) {
        JsonNode sweep = cursor.path("sweep");
        return sweep.isArray() && !sweep.isEmpty() ? sweep.get(0).asText() : null;
    }

    /** The newest comment already collected on {@code postId}, epoch seconds (0 for none). */
    static long seen(JsonNode cursor, String postId) {
        return cursor.path("threads").path(postId).path(1).asLong(0);
    }

    /** The current post is done: its newest comment is {@code newest}; the sweep goes on with the next. */
    static boolean finish(ObjectNode cursor, long newest) {
        String postId = current(cursor);
        ObjectNode threads = threads(cursor);
        if (postId != null && threads.has(postId) && newest > seen(cursor, postId)) {
            ((ArrayNode) threads.get(postId)).set(1, newest);
        }
        cursor.remove("cnext");
        cursor.remove("cmax");
        ArrayNode sweep = (ArrayNode) cursor.path("sweep");
        if (sweep.isArray() && !sweep.isEmpty()) {
            sweep.remove(0);
        }
        if (sweep.isEmpty()) {
            cursor.remove("sweep");
            return false;
        }
        return true;
    }

    /** Stops following {@code postId} (deleted, or no longer readable). */
    static boolean drop(ObjectNode cursor) {
        String postId = current(cursor);
        boolean more = finish(cursor, 0);
        if (postId != null) {
            threads(cursor).remove(postId);
        }
        return more;
    }

    private static ObjectNode threads(ObjectNode cursor) {
        JsonNode threads = cursor.get("threads");
        return threads instanceof ObjectNode object ? object : cursor.putObject("threads");
    }
}
