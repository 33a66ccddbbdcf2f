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
 * A post is counted once, into the fine ring; each fine bucket, once closed, is added whole to the
 * coarse minute it belongs to (a bucket divides a minute), and the coarse windows add the open fine
 * bucket on top. A post for a fine bucket already handed over (a clock set back) goes to both.
 */
public final class Windows {

    private final TrendWindow fine;
    private final TrendWindow coarse;
    /** Where the newest fine bucket handed to the coarse ring starts: every one before it was too. */
    private long folded = Long.MIN_VALUE;

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

    public synchronized void add(Post post, Instant now, OptionalDouble compound, boolean scored, long engaged) {
        AccountKey account = Engagement.account(post.platform(), post.author()); // one key for both rings
        if (fold(now)) {
            coarse.add(post, account, now, compound, scored, engaged);
        }
        fine.add(post, account, now, compound, scored, engaged);
    }

    /** Engagement {@code account} drew with no new post: see {@link TrendWindow#engaged}. */
    public synchronized void engaged(String platform, AccountKey account, long engaged, Instant now) {
        if (fold(now)) {
            coarse.engaged(platform, account, engaged, now);
        }
        fine.engaged(platform, account, engaged, now);
    }

    public synchronized TrendSnapshot snapshot(String scope, String window, Instant now, int limit) {
        if (window.equals("1m")) {
            return fine.snapshot(scope, now, limit);
        }
        boolean handedOver = fold(now);
        return coarse.snapshot(scope, now, limit, (int) TrendsConfig.WINDOWS.get(window).toMinutes(),
                handedOver ? Map.of() : fine.openSlots(now.toEpochMilli()));
    }

    /**
     * Hands every fine bucket closed by {@code now} and not handed over yet to the coarse ring, and
     * answers whether {@code now} falls in a fine bucket handed over already (then the coarse ring
     * must be told directly).
     */
    private boolean fold(Instant now) {
        long open = fine.start(now.toEpochMilli());
        if (open <= folded) {
            return true;
        }
        long closed = open - fine.bucket().toMillis();
        if (closed > folded) {
            fine.closedBuckets(folded, open, coarse::absorb);
            folded = closed;
        }
        return false;
    }

    /** The fine ring, where rising tags are measured. */
    public TrendWindow fine() {
        return fine;
    }
}
