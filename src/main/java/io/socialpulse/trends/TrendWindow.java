package io.socialpulse.trends;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

import io.socialpulse.post.Post;

/**
 * Hashtag counts over a sliding window in fixed memory. The window is a ring of time buckets;
 * each bucket holds one frequent-items sketch per platform, whose size caps its memory however
 * many distinct hashtags arrive. A snapshot merges the buckets still inside the window.
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

    private final class Bucket {
        long start = Long.MIN_VALUE;
        final Map<String, ItemsSketch<String>> tags = new HashMap<>();
        final Map<String, Long> posts = new HashMap<>();

        void reset(long newStart) {
            start = newStart;
            tags.values().forEach(ItemsSketch::reset);
            posts.clear();
        }
    }

    public synchronized void add(Post post, Instant now) {
        long start = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), bucketMillis);
        Bucket bucket = ring[(int) Math.floorMod(start / bucketMillis, (long) ring.length)];
        if (bucket.start != start) {
            bucket.reset(start);
        }
        String platform = bucket.tags.containsKey(post.platform()) || bucket.tags.size() < MAX_PLATFORMS
                ? post.platform()
                : OTHER;
        bucket.posts.merge(platform, 1L, Long::sum);
        ItemsSketch<String> sketch = bucket.tags.computeIfAbsent(platform, p -> new ItemsSketch<>(sketchSize));
        for (String tag : post.hashtags()) {
            sketch.update(tag);
        }
    }

    /** Top {@code limit} hashtags of {@code scope} ("all" or a platform) in the window ending at {@code now}. */
    public synchronized TrendSnapshot snapshot(String scope, Instant now, int limit) {
        long oldest = now.toEpochMilli() - (long) ring.length * bucketMillis;
        ItemsSketch<String> merged = new ItemsSketch<>(sketchSize);
        Map<String, Long> platforms = new TreeMap<>();
        long posts = 0;
        for (Bucket bucket : ring) {
            if (bucket.start <= oldest || bucket.start > now.toEpochMilli()) {
                continue;
            }
            for (Map.Entry<String, Long> e : bucket.posts.entrySet()) {
                platforms.merge(e.getKey(), e.getValue(), Long::sum);
                if (ALL.equals(scope) || e.getKey().equals(scope)) {
                    posts += e.getValue();
                    merged.merge(bucket.tags.get(e.getKey()));
                }
            }
        }
        ItemsSketch.Row<String>[] rows = merged.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
        Arrays.sort(rows, Comparator.comparingLong((ItemsSketch.Row<String> r) -> r.getEstimate()).reversed()
                .thenComparing(ItemsSketch.Row::getItem));
        List<TrendItem> top = new ArrayList<>(Math.min(limit, rows.length));
        for (int i = 0; i < rows.length && top.size() < limit; i++) {
            top.add(new TrendItem(i + 1, rows[i].getItem(), rows[i].getEstimate(), rows[i].getLowerBound(),
                    rows[i].getUpperBound()));
        }
        long windowSeconds = (long) ring.length * bucketMillis / 1000;
        double rate = windowSeconds == 0 ? 0 : Math.round(posts * 100.0 / windowSeconds) / 100.0;
        return new TrendSnapshot(now.toEpochMilli(), now, scope, windowSeconds, posts, rate, platforms, top);
    }
}
