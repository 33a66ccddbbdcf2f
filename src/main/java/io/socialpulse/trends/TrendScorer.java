package io.socialpulse.trends;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.socialpulse.config.TrendsConfig;

/**
 * Rising and trending tags. Each tick, the candidates (the top tags of the recent period) are
 * compared with their own baseline: an exponentially weighted mean and variance of their recent
 * counts, kept in a fixed-size hashed table so memory does not grow with the number of tags ever
 * seen. {@code z = (count - mean) / sqrt(variance + mean + 1)}: the {@code mean + 1} term is the
 * Poisson noise of small counts, so a tag going from 1 to 3 posts does not look like a storm. A
 * tag starts trending at {@code z >= enterZ} with at least {@code minCount} posts from at least
 * {@code minAuthors} authors, and stops below
 * {@code exitZ} (hysteresis), keeping {@code trendingSince} while it lasts.
 */
public final class TrendScorer {

    static final int TABLE = 1 << 15;
    static final int MAX_TRENDING = 100;

    private final double alpha;
    private final long warmupTicks;
    private final int minCount;
    private final int minAuthors;
    private final double enterZ;
    private final double exitZ;
    private final long[] keys;
    private final double[] mean;
    private final double[] variance;
    private final long[] seen;
    private final Map<String, Instant> trending = new LinkedHashMap<>();
    private long tick;

    public TrendScorer(Duration tickEvery, Duration halfLife, Duration warmup, int minCount, double enterZ,
            double exitZ) {
        this(tickEvery, halfLife, warmup, minCount, 0, enterZ, exitZ);
    }

    public TrendScorer(Duration tickEvery, Duration halfLife, Duration warmup, int minCount, int minAuthors,
            double enterZ, double exitZ) {
        this(TABLE, tickEvery, halfLife, warmup, minCount, minAuthors, enterZ, exitZ);
    }

    /** {@code table}: baselines kept (a power of two); each costs 32 bytes. */
    public TrendScorer(int table, Duration tickEvery, Duration halfLife, Duration warmup, int minCount,
            int minAuthors, double enterZ, double exitZ) {
        this.keys = new long[table];
        this.mean = new double[table];
        this.variance = new double[table];
        this.seen = new long[table];
        this.minAuthors = minAuthors;
        this.alpha = 1 - Math.pow(0.5, (double) tickEvery.toMillis() / halfLife.toMillis());
        this.warmupTicks = warmup.toMillis() / tickEvery.toMillis();
        this.minCount = minCount;
        this.enterZ = enterZ;
        this.exitZ = exitZ;
    }

    public static TrendScorer of(TrendsConfig config) {
        return of(config, TABLE);
    }

    public static TrendScorer of(TrendsConfig config, int table) {
        TrendsConfig.Rising r = config.rising();
        return new TrendScorer(table, config.tick(), r.halfLife(), r.warmup(), r.minCount(), r.minAuthors(),
                r.enterZ(), r.exitZ());
    }

    public record Result(List<Rising> rising, List<Rising> trending) {
    }

    /** A tag's count in the recent period and its estimated distinct authors. */
    public record Candidate(long count, long authors) {
    }

    /** One tick: scores every candidate against its baseline, then folds the count into it. */
    public synchronized Result update(Map<String, Candidate> recent, Instant now) {
        tick++;
        List<Rising> scored = new ArrayList<>(recent.size());
        for (Map.Entry<String, Candidate> e : recent.entrySet()) {
            String tag = e.getKey();
            long count = e.getValue().count();
            long authors = e.getValue().authors();
            double z = scoreAndLearn(tag, count);
            Instant since = trending.get(tag);
            // One account posting a tag fifty times is not a trend: it needs several authors.
            if (since == null && z >= enterZ && count >= minCount && authors >= minAuthors
                    && trending.size() < MAX_TRENDING) {
                since = now;
                trending.put(tag, now);
            } else if (since != null && z < exitZ) {
                trending.remove(tag);
                since = null;
            }
            scored.add(new Rising(tag, count, authors, round(baselineOf(tag)), round(z), since));
        }
        // A trending tag that fell out of the candidates has stopped trending.
        trending.keySet().retainAll(recent.keySet());
        scored.sort(Comparator.comparingDouble(Rising::z).reversed());
        List<Rising> rising = scored.stream().filter(r -> r.z() > 0 && r.count() >= minCount).toList();
        List<Rising> current = scored.stream().filter(r -> r.trendingSince() != null)
                .sorted(Comparator.comparing(Rising::trendingSince)).toList();
        return new Result(rising, current);
    }

    private double scoreAndLearn(String tag, long count) {
        int slot = slot(tag);
        long key = fingerprint(tag);
        if (keys[slot] != key) {
            keys[slot] = key;
            // Right after a start every tag is new: take what it has now as its normal.
            mean[slot] = tick <= warmupTicks ? count : 0;
            variance[slot] = 0;
            seen[slot] = tick;
        } else if (tick - seen[slot] > 1) {
            // Ticks where the tag was not a candidate count as (near) zero.
            mean[slot] *= Math.pow(1 - alpha, tick - seen[slot] - 1);
        }
        double m = mean[slot];
        double z = (count - m) / Math.sqrt(variance[slot] + m + 1);
        double diff = count - m;
        double increment = alpha * diff;
        mean[slot] = m + increment;
        variance[slot] = (1 - alpha) * (variance[slot] + diff * increment);
        seen[slot] = tick;
        return z;
    }

    private double baselineOf(String tag) {
        int slot = slot(tag);
        return keys[slot] == fingerprint(tag) ? mean[slot] : 0;
    }

    private int slot(String tag) {
        return (int) (fingerprint(tag) & (keys.length - 1));
    }

    private static long fingerprint(String tag) {
        long h = 1125899906842597L;
        for (int i = 0; i < tag.length(); i++) {
            h = 31 * h + tag.charAt(i);
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
