package io.socialpulse.trends;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One scope (all platforms, or one) at one tick: the top hashtags of the window, the tags rising
 * fastest against their own baseline, the tags currently trending, and the sentiment of the
 * window's posts, the top mentions, and the watchlist terms. {@code id} is the tick's epoch
 * milliseconds, the SSE event id. Rising and trending are measured per scope: over all platforms,
 * and for each platform against that platform's own baselines.
 */
public record TrendSnapshot(long id, Instant ts, String scope, long windowSeconds, long posts, double postsPerSecond,
        Map<String, Long> platforms, SentimentView sentiment, List<TrendItem> top, List<TrendItem> mentions,
        List<Watched> watch, List<Rising> rising, List<Rising> trending) {

    /** The same snapshot with at most {@code limit} entries in each list. */
    public TrendSnapshot limit(int limit) {
        return new TrendSnapshot(id, ts, scope, windowSeconds, posts, postsPerSecond, platforms, sentiment,
                top.subList(0, Math.min(limit, top.size())), mentions.subList(0, Math.min(limit, mentions.size())),
                watch, rising.subList(0, Math.min(limit, rising.size())),
                trending.subList(0, Math.min(limit, trending.size())));
    }

    public TrendSnapshot withTrends(List<Rising> rising, List<Rising> trending) {
        return new TrendSnapshot(id, ts, scope, windowSeconds, posts, postsPerSecond, platforms, sentiment, top,
                mentions,
                watch, rising, trending);
    }
}
