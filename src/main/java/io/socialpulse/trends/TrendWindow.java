package io.socialpulse.trends;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

import io.socialpulse.post.Post;

/**
 * Hashtag counts and sentiment over a sliding window in fixed memory. The window is a ring of time
 * buckets; each bucket holds, per platform, a frequent-items sketch whose size caps its memory
 * however many distinct hashtags arrive, a sentiment tally, and the sentiment of at most as many
 * tags as the sketch tracks. A snapshot merges the buckets still inside the window.
 */
public final class TrendWindow {

    /** Platforms beyond this many share one scope, so a flood of odd platform names cannot grow memory. */
    static final int MAX_PLATFORMS = 16;
    static final String ALL = "all";
    static final String OTHER = "other";

    private final long bucketMillis;
    private final Bucket[] ring;
    private final int sketchSize;

    public TrendWindow(Duration window, Duration bucket, int sketchSize) {
        this.bucketMillis = bucket.toMillis();
        this.ring = new Bucket[(int) Math.max(1, (window.toMillis() + bucketMillis - 1) / bucketMillis)];
        this.sketchSize = sketchSize;
        Arrays.setAll(ring, i -> new Bucket());
    }

    private final class Slot {
        final ItemsSketch<String> tags = new ItemsSketch<>(sketchSize);
        final SentimentTally sentiment = new SentimentTally();
        final Map<String, SentimentTally> tagSentiment = new HashMap<>();
        long posts;

        void reset() {
            tags.reset();
            sentiment.scored = sentiment.positive = sentiment.negative = sentiment.unscored = 0;
            sentiment.sum = 0;
            tagSentiment.clear();
            posts = 0;
        }
    }

    private final class Bucket {
        long start = Long.MIN_VALUE;
        final Map<String, Slot> slots = new HashMap<>();

        void reset(long newStart) {
            start = newStart;
            slots.values().forEach(Slot::reset);
        }
    }

    public void add(Post post, Instant now) {
        add(post, now, OptionalDouble.empty(), false);
    }

    /** Counts a post; {@code scored} says whether sentiment was attempted, {@code compound} is its result. */
    public synchronized void add(Post post, Instant now, OptionalDouble compound, boolean scored) {
        Bucket bucket = bucketAt(now.toEpochMilli());
        String platform = bucket.slots.containsKey(post.platform()) || bucket.slots.size() < MAX_PLATFORMS
                ? post.platform()
                : OTHER;
        Slot slot = bucket.slots.computeIfAbsent(platform, p -> new Slot());
        slot.posts++;
        for (String tag : post.hashtags()) {
            slot.tags.update(tag);
        }
        if (compound.isPresent()) {
            double c = compound.getAsDouble();
            slot.sentiment.add(c);
            for (String tag : post.hashtags()) {
                SentimentTally tally = slot.tagSentiment.get(tag);
                if (tally == null && slot.tagSentiment.size() < sketchSize) {
                    tally = new SentimentTally();
                    slot.tagSentiment.put(tag, tally);
                }
                if (tally != null) {
                    tally.add(c);
                }
            }
        } else if (scored) {
            slot.sentiment.unscored++;
        }
    }

    private Bucket bucketAt(long millis) {
        long start = millis - Math.floorMod(millis, bucketMillis);
        Bucket bucket = ring[(int) Math.floorMod(start / bucketMillis, (long) ring.length)];
        if (bucket.start != start) {
            bucket.reset(start);
        }
        return bucket;
    }

    /** Top {@code limit} hashtags of {@code scope} ("all" or a platform) in the window ending at {@code now}. */
    public synchronized TrendSnapshot snapshot(String scope, Instant now, int limit) {
        Merged merged = merge(scope, now, ring.length);
        List<TrendItem> top = new ArrayList<>();
        for (ItemsSketch.Row<String> row : merged.rows(limit)) {
            SentimentTally tally = merged.tagSentiment(row.getItem());
            top.add(new TrendItem(top.size() + 1, row.getItem(), row.getEstimate(), row.getLowerBound(),
                    row.getUpperBound(), tally == null ? null : tally.view()));
        }
        long windowSeconds = (long) ring.length * bucketMillis / 1000;
        double rate = windowSeconds == 0 ? 0 : Math.round(merged.posts * 100.0 / windowSeconds) / 100.0;
        return new TrendSnapshot(now.toEpochMilli(), now, scope, windowSeconds, merged.posts, rate, merged.platforms,
                merged.sentiment.view(), top, List.of(), List.of());
    }

    /** Estimated counts of the top {@code limit} tags of all platforms over the last {@code buckets} buckets. */
    public synchronized Map<String, Long> recent(Instant now, int buckets, int limit) {
        Merged merged = merge(ALL, now, Math.min(buckets, ring.length));
        Map<String, Long> counts = new HashMap<>();
        for (ItemsSketch.Row<String> row : merged.rows(limit)) {
            counts.put(row.getItem(), row.getEstimate());
        }
        return counts;
    }

    /** Estimated count of one tag over the last {@code buckets} buckets (0 if not among the tracked). */
    public synchronized long recentCount(String tag, Instant now, int buckets) {
        return merge(ALL, now, Math.min(buckets, ring.length)).sketch.getEstimate(tag);
    }

    public int buckets() {
        return ring.length;
    }

    public Duration bucket() {
        return Duration.ofMillis(bucketMillis);
    }

    private Merged merge(String scope, Instant now, int buckets) {
        long nowMillis = now.toEpochMilli();
        long oldest = nowMillis - Math.floorMod(nowMillis, bucketMillis) - (long) (buckets - 1) * bucketMillis;
        Merged merged = new Merged();
        for (Bucket bucket : ring) {
            if (bucket.start < oldest || bucket.start > nowMillis) {
                continue;
            }
            for (Map.Entry<String, Slot> e : bucket.slots.entrySet()) {
                Slot slot = e.getValue();
                if (slot.posts == 0) {
                    continue;
                }
                merged.platforms.merge(e.getKey(), slot.posts, Long::sum);
                if (ALL.equals(scope) || e.getKey().equals(scope)) {
                    merged.posts += slot.posts;
                    merged.sketch.merge(slot.tags);
                    merged.sentiment.merge(slot.sentiment);
                    merged.slots.add(slot);
                }
            }
        }
        return merged;
    }

    private final class Merged {
        final ItemsSketch<String> sketch = new ItemsSketch<>(sketchSize);
        final Map<String, Long> platforms = new TreeMap<>();
        final SentimentTally sentiment = new SentimentTally();
        final List<Slot> slots = new ArrayList<>();
        long posts;

        List<ItemsSketch.Row<String>> rows(int limit) {
            ItemsSketch.Row<String>[] rows = sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
            Arrays.sort(rows, Comparator.comparingLong((ItemsSketch.Row<String> r) -> r.getEstimate()).reversed()
                    .thenComparing(ItemsSketch.Row::getItem));
            return Arrays.asList(rows).subList(0, Math.min(limit, rows.length));
        }

        SentimentTally tagSentiment(String tag) {
            SentimentTally total = null;
            for (Slot slot : slots) {
                SentimentTally tally = slot.tagSentiment.get(tag);
                if (tally != null) {
                    if (total == null) {
                        total = new SentimentTally();
                    }
                    total.merge(tally);
                }
            }
            return total;
        }
    }
}
