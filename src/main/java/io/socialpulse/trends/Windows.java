package io.socialpulse.trends;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import io.socialpulse.config.TrendsConfig;
import io.socialpulse.post.Post;

/**
 * The four windows a client can ask for, from two rings: a fine one (1 minute in buckets of
 * {@code TRENDS_BUCKET}) and a coarse one (1 hour in buckets of 1 minute). 5, 15 and 60 minutes
 * merge the latest coarse buckets, the current minute included. Memory is fixed by the two rings.
 */
public final class Windows {

    private final TrendWindow fine;
    private final TrendWindow coarse;

    public Windows(Duration bucket, int sketchSize, List<String> watchlist, int influencersTop) {
        this.fine = new TrendWindow(Duration.ofMinutes(1), bucket, sketchSize, watchlist, influencersTop);
        this.coarse = new TrendWindow(Duration.ofHours(1), Duration.ofMinutes(1), sketchSize, watchlist,
                influencersTop);
    }

    /** The window name for a duration ("1m" for 60s), or null when it is not one of the four. */
    public static String name(Duration window) {
        return TrendsConfig.WINDOWS.entrySet().stream().filter(e -> e.getValue().equals(window)).map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    public static String parse(String window) {
        String w = window.strip().toLowerCase(Locale.ROOT);
        if (!TrendsConfig.WINDOWS.containsKey(w)) {
            throw new IllegalArgumentException("window must be one of " + TrendsConfig.WINDOWS.keySet());
        }
        return w;
    }

    public void add(Post post, Instant now, OptionalDouble compound, boolean scored, long engaged) {
        AccountKey account = Engagement.account(post.platform(), post.author()); // one key for both rings
        fine.add(post, account, now, compound, scored, engaged);
        coarse.add(post, account, now, compound, scored, engaged);
    }

    /** Engagement {@code account} drew with no new post: see {@link TrendWindow#engaged}. */
    public void engaged(String platform, AccountKey account, long engaged, Instant now) {
        fine.engaged(platform, account, engaged, now);
        coarse.engaged(platform, account, engaged, now);
    }

    public TrendSnapshot snapshot(String scope, String window, Instant now, int limit) {
        if (window.equals("1m")) {
            return fine.snapshot(scope, now, limit);
        }
        return coarse.snapshot(scope, now, limit, (int) TrendsConfig.WINDOWS.get(window).toMinutes());
    }

    /** The fine ring, where rising tags are measured. */
    public TrendWindow fine() {
        return fine;
    }
}
