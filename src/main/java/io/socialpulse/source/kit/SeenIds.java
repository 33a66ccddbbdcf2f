package io.socialpulse.source.kit;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The post ids a source collected within its look-back, by the minute they were collected. A source
 * that reads a window again (late statuses, late-indexed posts, a rewound stream) keeps them in its
 * cursor under {@code seenIds}, so a restart drops what it reads a second time. Immutable; bounded by
 * age and by count, oldest minutes forgotten first.
 */
public final class SeenIds {

    public static final String FIELD = "seenIds";
    private static final SeenIds NONE = new SeenIds(new TreeMap<>());

    private final TreeMap<Long, Set<String>> byMinute;
    private final Set<String> all = new HashSet<>();

    private SeenIds(TreeMap<Long, Set<String>> byMinute) {
        this.byMinute = byMinute;
        byMinute.values().forEach(all::addAll);
    }

    public static SeenIds none() {
        return NONE;
    }

    /** The ids kept in a cursor; none when it keeps none or keeps something unreadable. */
    public static SeenIds of(JsonNode cursor) {
        JsonNode seen = cursor == null ? null : cursor.get(FIELD);
        if (seen == null || !seen.isObject()) {
            return NONE;
        }
        TreeMap<Long, Set<String>> byMinute = new TreeMap<>();
        seen.fields().forEachRemaining(minute -> {
            try {
                long key = Long.parseLong(minute.getKey());
                Set<String> ids = new LinkedHashSet<>();
                minute.getValue().forEach(id -> {
                    if (id.isTextual()) {
                        ids.add(id.asText());
                    }
                });
                byMinute.put(key, ids);
            } catch (NumberFormatException e) {
                // not a minute: ignored
            }
        });
        return new SeenIds(byMinute);
    }

    public boolean contains(String id) {
        return all.contains(id);
    }

    public int size() {
        return all.size();
    }

    /**
     * These ids and {@code collected} (collected {@code now}), without the minutes more than
     * {@code keep} older than the last collection and, past {@code capacity} ids, without the oldest
     * minutes. Age counts from the last collection, not from now: after an outage the window read
     * again is the one before it, and its ids must still be here.
     */
    public SeenIds with(Collection<String> collected, Instant now, Duration keep, int capacity) {
        long minute = now.getEpochSecond() / 60;
        TreeMap<Long, Set<String>> next = new TreeMap<>();
        long last = collected.isEmpty() && !byMinute.isEmpty() ? Math.min(byMinute.lastKey(), minute) : minute;
        long oldest = last - (keep.toSeconds() + 59) / 60;
        for (Map.Entry<Long, Set<String>> entry : byMinute.tailMap(oldest, true).entrySet()) {
            next.put(entry.getKey(), new LinkedHashSet<>(entry.getValue()));
        }
        if (!collected.isEmpty()) {
            next.computeIfAbsent(minute, m -> new LinkedHashSet<>()).addAll(collected);
        }
        int count = next.values().stream().mapToInt(Set::size).sum();
        while (count > capacity && next.size() > 1) {
            count -= next.pollFirstEntry().getValue().size();
        }
        return new SeenIds(next);
    }

    /** Writes these ids into {@code cursor} (or removes the field when there are none). */
    public ObjectNode into(ObjectNode cursor) {
        if (byMinute.isEmpty()) {
            cursor.remove(FIELD);
            return cursor;
        }
        ObjectNode seen = cursor.putObject(FIELD);
        byMinute.forEach((minute, ids) -> {
            ArrayNode list = seen.putArray(Long.toString(minute));
            ids.forEach(list::add);
        });
        return cursor;
    }
}
