package io.socialpulse.trends;

import java.time.Instant;
import java.util.Map;

/**
 * The {@code stats} event: posts per second by platform over the last minute, open streams, and
 * how sentiment was computed: the share of posts scored when load forced sampling (1.0 when every
 * post was scored), and the share that could not be scored (not English).
 */
public record StatsEvent(Instant ts, double postsPerSecond, Map<String, Long> platforms, int subscribers,
        double sentimentSampled, double unscoredShare) {
}
