package io.socialpulse.trends;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One scope (all platforms, or one) at one tick: the top hashtags of the window, the tags rising
 * fastest against their own baseline, the tags currently trending, and the sentiment of the
 * window's posts, the top mentions, and the watchlist terms. {@code id} is the tick's epoch
 * milliseconds, the SSE event id. Rising and trending are measured per scope: over all platforms,
 * and for each platform against that platform's own baselines. {@code influencers} ranks the
 * window's accounts and names who drives the rising and trending tags.
 */
public record TrendSnapshot(long id, Instant ts, String scope, long windowSeconds, long posts, double postsPerSecond,
        Map<String, Long> platforms, SentimentView sentiment, List<TrendItem> top, List<TrendItem> mentions,
        List<Watched> watch, List<Rising> rising, List<Rising> trending, Influencers influencers) {

    /** The same snapshot with at most {@code limit} entries in each list. */
    public TrendSnapshot limit(int limit) {
        return new TrendSnapshot(id, ts, scope, windowSeconds, posts, postsPerSecond, platforms, sentiment,
                top.subList(0, Math.min(limit, top.size())), mentions.subList(0, Math.min(limit, mentions.size())),
                watch, rising.subList(0, Math.min(limit, rising.size())),
                trending.subList(0, Math.min(limit, trending.size())), influencers);
    }

    public TrendSnapshot withTrends(List<Rising> rising, List<Rising> trending) {
        return new TrendSnapshot(id, ts, scope, windowSeconds, posts, postsPerSecond, platforms, sentiment, top,
                mentions,
                watch, rising, trending, influencers);
    }

    public TrendSnapshot withInfluencers(Influencers influencers) {
        return new TrendSnapshot(id, ts, scope, windowSeconds, posts, postsPerSecond, platforms, sentiment, top,
                mentions, watch, rising, trending, influencers);
    }

    /** Rising and trending tags, each once: the tags whose drivers are shown. */
    public List<String> movingTags() {
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        trending.forEach(t -> tags.add(t.tag()));
        rising.forEach(t -> tags.add(t.tag()));
        return List.copyOf(tags);
    }
}
