package io.socialpulse.source.bluesky;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.socialpulse.post.Post;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.RecentIds;

/**
 * The Jetstream events a source keeps until its next poll: creates of posts that match the
 * keywords, and deletes of posts it collected (a delete carries no text to match, so it becomes a
 * tombstone only for a post known here). An event read again after a reconnect is held once, and a
 * post collected already is not collected again. Not thread-safe: the source guards it.
 */
final class JetstreamBuffer {

    /** Posts remembered as collected, so that their deletions become tombstones. */
    static final int COLLECTED = 100_000;

    private record Matched(long timeUs, JsonNode event) {
    }

    /** The posts of one drain and the newest {@code time_us} among their events (0 for none). */
    record Drained(List<Post> posts, long lastTimeUs) {
    }

    private final List<String> words;
    private final List<String> tags;
    private final ArrayDeque<Matched> events = new ArrayDeque<>();
    /** Ids of the events held, so that events read again after a reconnect are not held twice. */
    private final Set<String> held = new HashSet<>();
    private final RecentIds collected = new RecentIds(COLLECTED);

    JetstreamBuffer(List<String> keywords) {
        List<String> all = keywords.stream().map(String::strip).filter(k -> !k.isEmpty())
                .map(k -> k.toLowerCase(Locale.ROOT)).toList();
        this.tags = all.stream().filter(k -> k.startsWith("#")).map(k -> k.substring(1)).toList();
        this.words = all.stream().filter(k -> !k.startsWith("#")).toList();
    }

    int size() {
        return events.size();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** Holds {@code event} if it is a matching create or the delete of a post collected here. */
    void offer(JsonNode event) {
        boolean create = JetstreamMapper.isPostCreate(event);
        if (!create && !JetstreamMapper.isPostDelete(event)) {
            return;
        }
        String key = key(event);
        if (held.contains(key) || (create && collected.contains(key))) {
            return; // read again after a reconnect
        }
        String post = JetstreamMapper.id(event);
        if (create
                ? Keywords.matches(event.path("commit").path("record"), words, tags)
                : collected.contains(post) || held.contains(post)) {
            events.add(new Matched(event.path("time_us").asLong(0), event));
            held.add(key);
        }
    }

    /** Up to {@code max} held events as posts; one that cannot be read is logged and skipped. */
    Drained drain(int max, Post.Match match, Instant fetchedAt, String sourceId) {
        List<Post> posts = new ArrayList<>();
        long last = 0;
        while (!events.isEmpty() && posts.size() < max) {
            Matched next = events.poll();
            held.remove(key(next.event()));
            last = Math.max(last, next.timeUs());
            try {
                if (JetstreamMapper.isPostDelete(next.event())) {
                    posts.add(JetstreamMapper.tombstone(next.event(), match, fetchedAt));
                } else {
                    Post post = JetstreamMapper.post(next.event(), match, fetchedAt);
                    collected.add(post.id());
                    posts.add(post);
                }
            } catch (PlatformException malformed) {
                Log.warnf("source %s: skipped an event: %s", sourceId, malformed.getMessage());
            } catch (RuntimeException unexpected) {
                Log.warnf("source %s: skipped an event that could not be read (%s)", sourceId,
                        unexpected.getClass().getSimpleName());
            }
        }
        return new Drained(posts, last);
    }

    /** The post's id for a create, the tombstone's for a delete. */
    private static String key(JsonNode event) {
        return JetstreamMapper.isPostDelete(event) ? JetstreamMapper.id(event) + "#delete" : JetstreamMapper.id(event);
    }
}
