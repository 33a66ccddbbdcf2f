package io.socialpulse.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TrendScorerTest {

    private final Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
    private final Random random = new Random(7);

    private TrendScorer scorer() {
        return new TrendScorer(Duration.ofSeconds(2), Duration.ofMinutes(30), Duration.ofSeconds(20), 10, 3, 3, 1);
    }

    /** A tick's recent counts: a steady giant, a handful of ordinary tags, and the burst tag at {@code burst}. */
    private Map<String, TrendScorer.Candidate> tick(long burst) {
        return tick(burst, 20);
    }

    private Map<String, TrendScorer.Candidate> tick(long burst, long burstAuthors) {
        Map<String, TrendScorer.Candidate> counts = new HashMap<>();
        counts.put("giant", new TrendScorer.Candidate(200L + random.nextInt(21) - 10, 150));
        for (int i = 0; i < 20; i++) {
            counts.put("tag" + i, new TrendScorer.Candidate(5L + random.nextInt(5), 5));
        }
        if (burst > 0) {
            counts.put("burst", new TrendScorer.Candidate(burst, Math.min(burst, burstAuthors)));
        }
        return counts;
    }

    @Test
    void aBurstRisesAndTrendsWhileTheSteadyGiantDoesNot() {
        TrendScorer scorer = scorer();
        Instant now = t0;
        for (int i = 0; i < 300; i++) {
            now = now.plusSeconds(2);
            scorer.update(tick(random.nextInt(3)), now);
        }
        TrendScorer.Result calm = scorer.update(tick(2), now.plusSeconds(2));
        assertTrue(calm.trending().isEmpty(), "nothing trends in a steady stream: " + calm.trending());

        Instant burstStart = now.plusSeconds(4);
        TrendScorer.Result result = null;
        int ticksToFlag = 0;
        for (int i = 0; i < 10 && (result == null || result.trending().isEmpty()); i++) {
            result = scorer.update(tick(40 + 10L * i), burstStart.plusSeconds(2L * i));
            ticksToFlag = i + 1;
        }
        assertEquals("burst", result.rising().get(0).tag(), "the burst leads the rising list");
        assertEquals(List.of("burst"), result.trending().stream().map(Rising::tag).toList());
        assertNotNull(result.trending().get(0).trendingSince());
        assertEquals(1, ticksToFlag, "flagged on the first tick of the burst");
        assertFalse(result.rising().stream().anyMatch(r -> r.tag().equals("giant")),
                "the giant is top but not rising");
    }

    @Test
    void keepsTrendingSinceThroughTheBurstAndLetsGoAfterIt() {
        TrendScorer scorer = scorer();
        Instant now = t0;
        for (int i = 0; i < 300; i++) {
            now = now.plusSeconds(2);
            scorer.update(tick(2), now);
        }
        Instant since = scorer.update(tick(80), now.plusSeconds(2)).trending().get(0).trendingSince();
        TrendScorer.Result during = scorer.update(tick(85), now.plusSeconds(4));
        assertEquals(since, during.trending().get(0).trendingSince(), "hysteresis keeps the start time");
        TrendScorer.Result after = null;
        for (int i = 0; i < 200; i++) {
            after = scorer.update(tick(2), now.plusSeconds(6 + 2L * i));
        }
        assertTrue(after.trending().isEmpty(), "the burst is over: " + after.trending());
    }

    @Test
    void oneAccountSpammingATagDoesNotMakeItTrend() {
        TrendScorer scorer = scorer();
        Instant now = t0;
        for (int i = 0; i < 300; i++) {
            now = now.plusSeconds(2);
            scorer.update(tick(2, 1), now);
        }
        TrendScorer.Result spam = scorer.update(tick(90, 1), now.plusSeconds(2));
        assertEquals("burst", spam.rising().get(0).tag(), "it rises");
        assertTrue(spam.trending().isEmpty(), "but one author is not a trend");
    }

    @Test
    void duringWarmUpEveryTagStartsAtItsOwnLevel() {
        TrendScorer scorer = scorer();
        TrendScorer.Result first = scorer.update(tick(0), t0);
        assertTrue(first.trending().isEmpty(), "a fresh start shows no false trends: " + first.trending());
    }
}
