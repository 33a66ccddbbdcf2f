package io.socialpulse.trends;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.BiConsumer;

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
    private final List<String> watchlist;
    private final int influencersTop;

    /** Mentions share the sketch with hashtags, under this prefix (hashtags never start with it). */
    static final String MENTION = "@";

    /**
     * Merges of the closed buckets (all but the open one), per scope and bucket count: a tick then
     * merges two sketches per window instead of one per bucket and platform. They hold while the
     * open bucket stays the same and no closed bucket changes ({@link #changes}).
     */
    private final Map<String, WindowMerge> closedMerges = new HashMap<>();
    static final int MAX_CLOSED_MERGES = 8 * (MAX_PLATFORMS + 2);
    private long closedMergesOpen = Long.MIN_VALUE;
    private long closedMergesChanges;
    /** Counts resets and adds into a bucket older than the newest one seen, which void the merges. */
    private long changes;
    private long newestStart = Long.MIN_VALUE;

    public TrendWindow(Duration window, Duration bucket, int sketchSize) {
        this(window, bucket, sketchSize, List.of(), 10);
    }

    /**
     * {@code watchlist}: lower-case terms counted exactly, in hashtags and in the text;
     * {@code influencersTop}: accounts listed by engagement and by reach.
     */
    public TrendWindow(Duration window, Duration bucket, int sketchSize, List<String> watchlist, int influencersTop) {
        this.watchlist = List.copyOf(watchlist);
        this.influencersTop = influencersTop;
        this.bucketMillis = bucket.toMillis();
        this.ring = new Bucket[(int) Math.max(1, (window.toMillis() + bucketMillis - 1) / bucketMillis)];
        this.sketchSize = sketchSize;
        Arrays.setAll(ring, i -> new Bucket());
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
        add(post, now, OptionalDouble.empty(), false, Engagement.of(post));
    }

    /**
     * Counts a post that drew {@code engaged}; {@code scored} says whether sentiment was attempted,
     * {@code compound} is its result.
     */
    public void add(Post post, Instant now, OptionalDouble compound, boolean scored, long engaged) {
        add(post, Engagement.account(post.platform(), post.author()), now, compound, scored, engaged);
    }

    /** The same, for a post whose {@link Engagement#account} key is known already. */
    synchronized void add(Post post, AccountKey account, Instant now, OptionalDouble compound, boolean scored,
            long engaged) {
        slot(post.platform(), now.toEpochMilli()).add(post, account, compound, scored, engaged);
    }

    /** Engagement an account drew that no new post brings: a re-polled post's growth, a repost of its post. */
    public synchronized void engaged(String platform, AccountKey account, long engaged, Instant now) {
        slot(platform, now.toEpochMilli()).accounts.engaged(account, engaged);
    }

    /**
     * Adds a closed bucket of a finer window, its slots by platform, started at {@code start}, to the
     * bucket that holds that time.
     */
    synchronized void absorb(Map<String, Slot> slots, long start) {
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            if (!e.getValue().isEmpty()) {
                slot(e.getKey(), start).absorb(e.getValue());
            }
        }
    }

    /** Hands every bucket that started after {@code after} and before {@code before} to {@code to}, oldest first. */
    synchronized void closedBuckets(long after, long before, BiConsumer<Map<String, Slot>, Long> to) {
        Arrays.stream(ring).filter(b -> b.start != Long.MIN_VALUE && b.start > after && b.start < before)
                .sorted(Comparator.comparingLong(b -> b.start)).forEach(b -> to.accept(b.slots, b.start));
    }

    /** The slots of the bucket that holds {@code millis}, empty when nothing was counted in it yet. */
    synchronized Map<String, Slot> openSlots(long millis) {
        Bucket bucket = ring[(int) Math.floorMod(start(millis) / bucketMillis, (long) ring.length)];
        return bucket.start == start(millis) ? bucket.slots : Map.of();
    }

    /** Where the bucket that holds {@code millis} starts. */
    long start(long millis) {
        return millis - Math.floorMod(millis, bucketMillis);
    }

    private Slot slot(String platform, long millis) {
        Bucket bucket = bucketAt(millis);
        if (bucket.start < newestStart) {
            changes++; // a late add, into a bucket a merge may hold as closed
        }
        newestStart = Math.max(newestStart, bucket.start);
        Slot slot = bucket.slots.get(platform); // one lookup for a platform the bucket has
        return slot != null
                ? slot
                : bucket.slots.computeIfAbsent(
                        bucket.slots.size() < MAX_PLATFORMS ? platform : OTHER, p -> new Slot(sketchSize, watchlist));
    }

    /** What the window holds, whatever arrived: the figures its memory bound rests on. */
    record Footprint(int slots, int sketchItems, int tagStats, int accountItems) {
    }

    synchronized Footprint footprint() {
        int slots = 0;
        int items = 0;
        int stats = 0;
        int accounts = 0;
        for (Bucket bucket : ring) {
            for (Slot slot : bucket.slots.values()) {
                slots++;
                items += slot.tags.getNumActiveItems();
                stats += slot.tagStats.size();
                accounts += slot.accounts.size();
            }
        }
        return new Footprint(slots, items, stats, accounts);
    }

    private Bucket bucketAt(long millis) {
        long start = start(millis);
        Bucket bucket = ring[(int) Math.floorMod(start / bucketMillis, (long) ring.length)];
        if (bucket.start != start) {
            bucket.reset(start);
            changes++;
        }
        return bucket;
    }

    /** Top {@code limit} hashtags of {@code scope} ("all" or a platform) in the window ending at {@code now}. */
    public synchronized TrendSnapshot snapshot(String scope, Instant now, int limit) {
        return snapshot(scope, now, limit, ring.length);
    }

    /** The same over the last {@code buckets} buckets only. */
    public synchronized TrendSnapshot snapshot(String scope, Instant now, int limit, int buckets) {
        return snapshot(scope, now, limit, buckets, Map.of());
    }

    /**
     * The same with {@code open} added: the slots of a finer window's open bucket, which this window
     * has not been given yet.
     */
    synchronized TrendSnapshot snapshot(String scope, Instant now, int limit, int buckets, Map<String, Slot> open) {
        buckets = Math.max(1, Math.min(buckets, ring.length));
        WindowMerge merged = merge(scope, now, buckets);
        merged.add(open, scope);
        return merged.snapshot(scope, now, limit, (long) buckets * bucketMillis / 1000, watchlist, influencersTop);
    }

    /** Estimated counts of the top {@code limit} tags of all platforms over the last {@code buckets} buckets. */
    public Map<String, TrendScorer.Candidate> recent(Instant now, int buckets, int limit) {
        return recent(ALL, now, buckets, limit);
    }

    /** The top tags of one scope ({@code all} or a platform) over the last {@code buckets} buckets, as candidates. */
    public synchronized Map<String, TrendScorer.Candidate> recent(String scope, Instant now, int buckets,
            int limit) {
        return merge(scope, now, Math.min(buckets, ring.length)).candidates(limit);
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

    private WindowMerge merge(String scope, Instant now, int buckets) {
        long nowMillis = now.toEpochMilli();
        long open = nowMillis - Math.floorMod(nowMillis, bucketMillis);
        if (open != closedMergesOpen || changes != closedMergesChanges) {
            closedMerges.clear();
            closedMergesOpen = open;
            closedMergesChanges = changes;
        }
        newestStart = Math.max(newestStart, open);
        long oldest = open - (long) (buckets - 1) * bucketMillis;
        String key = scope + "|" + buckets;
        WindowMerge closed = closedMerges.get(key);
        if (closed == null) {
            closed = new WindowMerge(sketchSize);
            for (Bucket bucket : ring) {
                if (bucket.start >= oldest && bucket.start < open) {
                    closed.add(bucket.slots, scope);
                }
            }
            // Scopes come from requests too: past the cap (more than any tick asks for), merge uncached.
            if (closedMerges.size() < MAX_CLOSED_MERGES) {
                closedMerges.put(key, closed);
            }
        }
        WindowMerge merged = closed.copy();
        for (Bucket bucket : ring) {
            if (bucket.start == open) {
                merged.add(bucket.slots, scope);
            }
        }
        return merged;
    }
}
