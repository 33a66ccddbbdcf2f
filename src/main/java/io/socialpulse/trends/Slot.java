package io.socialpulse.trends;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import org.apache.datasketches.frequencies.ItemsSketch;

import io.socialpulse.post.Post;

/**
 * One platform in one time bucket: a frequent-items sketch of its hashtags and mentions, its post
 * count and sentiment, the sentiment and authors of its first tags, its watchlist counts and its
 * accounts' engagement, reach and posts. Everything is bounded, whatever arrives.
 */
final class Slot {

    /** Tags per bucket and platform whose sentiment and authors are kept (the first to appear). */
    static final int TAG_STATS = 256;

    final ItemsSketch<String> tags;
    final SentimentTally sentiment = new SentimentTally();
    final Map<String, TagStats> tagStats = new HashMap<>();
    final long[] watch;
    final Accounts accounts;
    private final List<String> watchlist;
    long posts;

    Slot(int sketchSize, List<String> watchlist) {
        this.tags = new ItemsSketch<>(sketchSize);
        this.watchlist = watchlist;
        this.watch = new long[watchlist.size()];
        this.accounts = new Accounts(Accounts.sketchSize(sketchSize));
    }

    /**
     * Counts a post by {@code account} (its {@link Engagement#account} key, or null) that drew
     * {@code engaged}; {@code scored} and {@code compound} as for the window.
     */
    void add(Post post, AccountKey account, OptionalDouble compound, boolean scored, long engaged) {
        posts++;
        String author = post.author() == null ? null : post.author().handle();
        if (account != null) {
            accounts.post(account, post.author().followers(), engaged);
        }
        for (String tag : post.hashtags()) {
            tags.update(tag);
            // First come in the bucket, up to a fixed number: a flood cannot grow this map.
            TagStats stats = tagStats.get(tag);
            if (stats == null && tagStats.size() < TAG_STATS) {
                stats = new TagStats();
                tagStats.put(tag, stats);
            }
            if (stats != null) {
                stats.author(author);
                compound.ifPresent(stats.sentiment::add);
            }
        }
        for (String mention : post.mentions()) {
            tags.update(TrendWindow.MENTION + mention);
        }
        if (compound.isPresent()) {
            sentiment.add(compound.getAsDouble());
        } else if (scored) {
            sentiment.unscored++;
        }
        if (!watchlist.isEmpty()) {
            String text = post.text() == null ? "" : post.text().toLowerCase(Locale.ROOT);
            for (int i = 0; i < watchlist.size(); i++) {
                String term = watchlist.get(i);
                if (post.hashtags().contains(term) || text.contains(term)) {
                    watch[i]++;
                }
            }
        }
    }

    /**
     * Adds what a bucket of a finer window counted for the same platform: how the hour's minutes are
     * filled, one closed fine bucket at a time, instead of counting every post twice.
     */
    void absorb(Slot other) {
        posts += other.posts;
        tags.merge(other.tags);
        sentiment.merge(other.sentiment);
        for (Map.Entry<String, TagStats> e : other.tagStats.entrySet()) {
            TagStats stats = tagStats.get(e.getKey());
            if (stats == null && tagStats.size() < TAG_STATS) {
                stats = new TagStats();
                tagStats.put(e.getKey(), stats);
            }
            if (stats != null) {
                stats.merge(e.getValue());
            }
        }
        for (int i = 0; i < watch.length; i++) {
            watch[i] += other.watch[i];
        }
        accounts.merge(other.accounts);
    }

    /** Whether anything was counted here. */
    boolean isEmpty() {
        return posts == 0 && accounts.engagementTotal == 0;
    }

    void reset() {
        tags.reset();
        sentiment.scored = sentiment.positive = sentiment.negative = sentiment.unscored = 0;
        sentiment.sum = 0;
        tagStats.clear();
        accounts.reset();
        Arrays.fill(watch, 0);
        posts = 0;
    }
}
