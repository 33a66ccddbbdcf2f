package io.socialpulse.trends;

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

/**
 * Buckets of a {@link TrendWindow} merged for one scope: one sketch, the sentiment, the posts per
 * platform (of every platform, whatever the scope), the accounts, and the slots, for per-tag
 * sentiment and the watchlist.
 */
final class WindowMerge {

    private final int sketchSize;
    final ItemsSketch<String> sketch;
    final Map<String, Long> platforms = new TreeMap<>();
    final SentimentTally sentiment = new SentimentTally();
    final Accounts accounts;
    final List<Slot> slots = new ArrayList<>();
    final List<String> slotPlatforms = new ArrayList<>();
    long posts;

    WindowMerge(int sketchSize) {
        this.sketchSize = sketchSize;
        this.sketch = new ItemsSketch<>(sketchSize);
        this.accounts = new Accounts(Accounts.sketchSize(sketchSize));
    }

    /** Adds one bucket's slots (by platform): all of them for "all", else the scope's platform only. */
    void add(Map<String, Slot> bucket, String scope) {
        for (Map.Entry<String, Slot> e : bucket.entrySet()) {
            Slot slot = e.getValue();
            if (slot.isEmpty()) {
                continue;
            }
            if (slot.posts > 0) {
                platforms.merge(e.getKey(), slot.posts, Long::sum);
            }
            if (TrendWindow.ALL.equals(scope) || e.getKey().equals(scope)) {
                posts += slot.posts;
                sketch.merge(slot.tags);
                sentiment.merge(slot.sentiment);
                accounts.merge(slot.accounts);
                slots.add(slot);
                slotPlatforms.add(e.getKey());
            }
        }
    }

    WindowMerge copy() {
        WindowMerge copy = new WindowMerge(sketchSize);
        copy.sketch.merge(sketch);
        copy.platforms.putAll(platforms);
        copy.sentiment.merge(sentiment);
        copy.accounts.merge(accounts);
        copy.slots.addAll(slots);
        copy.slotPlatforms.addAll(slotPlatforms);
        copy.posts = posts;
        return copy;
    }

    /**
     * What this merge shows for {@code scope} over {@code windowSeconds} at {@code now}: the top
     * {@code limit} tags and mentions (mentions apart), with the tags' sentiment and authors, the
     * rate, the platforms, the watchlist and the top accounts.
     */
    TrendSnapshot snapshot(String scope, Instant now, int limit, long windowSeconds, List<String> watchlist,
            int influencersTop) {
        List<TrendItem> top = new ArrayList<>();
        List<TrendItem> mentions = new ArrayList<>();
        for (ItemsSketch.Row<String> row : rows(Integer.MAX_VALUE)) {
            boolean mention = row.getItem().startsWith(TrendWindow.MENTION);
            List<TrendItem> list = mention ? mentions : top;
            if (list.size() < limit) {
                TagStats stats = mention ? null : tagStats(row.getItem());
                list.add(new TrendItem(list.size() + 1, mention ? row.getItem().substring(1) : row.getItem(),
                        row.getEstimate(), row.getLowerBound(), row.getUpperBound(),
                        stats == null ? null : stats.sentiment.view(), stats == null ? null : stats.authors()));
            }
            if (top.size() >= limit && mentions.size() >= limit) {
                break;
            }
        }
        double rate = windowSeconds == 0 ? 0 : Math.round(posts * 100.0 / windowSeconds) / 100.0;
        return new TrendSnapshot(now.toEpochMilli(), now, scope, windowSeconds, posts, rate, platforms,
                sentiment.view(), top, mentions, watch(watchlist), List.of(), List.of(), accounts.top(influencersTop));
    }

    /** The top {@code limit} tags (no mentions) as trend candidates: count and distinct authors. */
    Map<String, TrendScorer.Candidate> candidates(int limit) {
        Map<String, TrendScorer.Candidate> candidates = new HashMap<>();
        for (ItemsSketch.Row<String> row : rows(limit + limit / 2)) {
            if (!row.getItem().startsWith(TrendWindow.MENTION) && candidates.size() < limit) {
                TagStats stats = tagStats(row.getItem());
                candidates.put(row.getItem(),
                        new TrendScorer.Candidate(row.getEstimate(), stats == null ? 0 : stats.authors()));
            }
        }
        return candidates;
    }

    List<ItemsSketch.Row<String>> rows(int limit) {
        ItemsSketch.Row<String>[] rows = sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
        Arrays.sort(rows, Comparator.comparingLong((ItemsSketch.Row<String> r) -> r.getEstimate()).reversed()
                .thenComparing(ItemsSketch.Row::getItem));
        return Arrays.asList(rows).subList(0, Math.min(limit, rows.length));
    }

    TagStats tagStats(String tag) {
        TagStats total = null;
        for (Slot slot : slots) {
            TagStats stats = slot.tagStats.get(tag);
            if (stats != null) {
                if (total == null) {
                    total = new TagStats();
                }
                total.merge(stats);
            }
        }
        return total;
    }

    /** Watchlist counts, each with its share of the scope's posts and its count per platform. */
    List<Watched> watch(List<String> terms) {
        List<Watched> watched = new ArrayList<>(terms.size());
        for (int i = 0; i < terms.size(); i++) {
            long count = 0;
            Map<String, Long> byPlatform = new TreeMap<>();
            for (int s = 0; s < slots.size(); s++) {
                long n = slots.get(s).watch[i];
                count += n;
                if (n > 0) {
                    byPlatform.merge(slotPlatforms.get(s), n, Long::sum);
                }
            }
            double share = posts == 0 ? 0 : Math.round(count * 1000.0 / posts) / 1000.0;
            watched.add(new Watched(terms.get(i), count, share, byPlatform));
        }
        return watched;
    }
}
