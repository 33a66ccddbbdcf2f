package io.socialpulse.trends;

import java.time.Instant;

/**
 * At most {@code maxPerSecond} posts are scored for sentiment in any second; past that, posts are
 * still counted but not scored, and the share scored is reported in {@code stats}.
 */
final class SentimentBudget {

    private final int maxPerSecond;
    private long second;
    private int used;
    private long scored;
    private long skipped;

    SentimentBudget(int maxPerSecond) {
        this.maxPerSecond = maxPerSecond;
    }

    synchronized boolean take(Instant now) {
        long s = now.getEpochSecond();
        if (s != second) {
            second = s;
            used = 0;
        }
        if (used < maxPerSecond) {
            used++;
            scored++;
            return true;
        }
        skipped++;
        return false;
    }

    /** Share of posts scored since the last call (1.0 when nothing had to be skipped). */
    synchronized double sampledShare() {
        long total = scored + skipped;
        double share = total == 0 ? 1.0 : Math.round(scored * 1000.0 / total) / 1000.0;
        scored = 0;
        skipped = 0;
        return share;
    }
}
