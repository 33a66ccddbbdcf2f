package io.socialpulse.trends;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The top hashtags of one scope (all platforms, or one) over the sliding window at one tick.
 * {@code id} is the tick's epoch milliseconds, the SSE event id.
 */
public record TrendSnapshot(long id, Instant ts, String scope, long windowSeconds, long posts, double postsPerSecond,
        Map<String, Long> platforms, List<TrendItem> top) {

    /** The same snapshot with at most {@code limit} entries in the top list. */
    public TrendSnapshot limit(int limit) {
        return top.size() <= limit
                ? this
                : new TrendSnapshot(id, ts, scope, windowSeconds, posts, postsPerSecond, platforms,
                        top.subList(0, limit));
    }
}
