package io.socialpulse.trends;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

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
        slot(post.platform(), now).add(post, account, compound, scored, engaged);
    }

    /** Engagement an account drew that no new post brings: a re-polled post's growth, a repost of its post. */
    public synchronized void engaged(String platform, AccountKey account, long engaged, Instant now) {
        slot(platform, now).accounts.engaged(account, engaged);
    }

    private Slot slot(String platform, Instant now) {
        Bucket bucket = bucketAt(now.toEpochMilli());
        if (bucket.start < newestStart) {
            changes++; // a late add, into a bucket a merge may hold as closed
        }
        newestStart = Math.max(newestStart, bucket.start);
        String scope = bucket.slots.containsKey(platform) || bucket.slots.size() < MAX_PLATFORMS ? platform : OTHER;
        return bucket.slots.computeIfAbsent(scope, p -> new Slot(sketchSize, watchlist));
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
        long start = millis - Math.floorMod(millis, bucketMillis);
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
        buckets = Math.max(1, Math.min(buckets, ring.length));
        WindowMerge merged = merge(scope, now, buckets);
        List<TrendItem> top = new ArrayList<>();
        List<TrendItem> mentions = new ArrayList<>();
        for (ItemsSketch.Row<String> row : merged.rows(Integer.MAX_VALUE)) {
            boolean mention = row.getItem().startsWith(MENTION);
            List<TrendItem> list = mention ? mentions : top;
            if (list.size() < limit) {
                TagStats stats = mention ? null : merged.tagStats(row.getItem());
                list.add(new TrendItem(list.size() + 1, mention ? row.getItem().substring(1) : row.getItem(),
                        row.getEstimate(), row.getLowerBound(), row.getUpperBound(),
                        stats == null ? null : stats.sentiment.view(), stats == null ? null : stats.authors()));
            }
            if (top.size() >= limit && mentions.size() >= limit) {
                break;
            }
        }
        long windowSeconds = (long) buckets * bucketMillis / 1000;
        double rate = windowSeconds == 0 ? 0 : Math.round(merged.posts * 100.0 / windowSeconds) / 100.0;
        return new TrendSnapshot(now.toEpochMilli(), now, scope, windowSeconds, merged.posts, rate, merged.platforms,
                merged.sentiment.view(), top, mentions, merged.watch(watchlist), List.of(), List.of(),
                merged.accounts.top(influencersTop));
    }

    /** Estimated counts of the top {@code limit} tags of all platforms over the last {@code buckets} buckets. */
    public Map<String, TrendScorer.Candidate> recent(Instant now, int buckets, int limit) {
        return recent(ALL, now, buckets, limit);
    }

    /** The top tags of one scope ({@code all} or a platform) over the last {@code buckets} buckets, as candidates. */
    public synchronized Map<String, TrendScorer.Candidate> recent(String scope, Instant now, int buckets,
            int limit) {
        WindowMerge merged = merge(scope, now, Math.min(buckets, ring.length));
        Map<String, TrendScorer.Candidate> candidates = new HashMap<>();
        for (ItemsSketch.Row<String> row : merged.rows(limit + limit / 2)) {
            if (!row.getItem().startsWith(MENTION) && candidates.size() < limit) {
                TagStats stats = merged.tagStats(row.getItem());
                candidates.put(row.getItem(),
                        new TrendScorer.Candidate(row.getEstimate(), stats == null ? 0 : stats.authors()));
            }
        }
        return candidates;
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
