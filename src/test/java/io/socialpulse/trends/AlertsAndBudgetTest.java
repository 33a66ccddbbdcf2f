package io.socialpulse.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class AlertsAndBudgetTest {

    private final Instant t0 = Instant.parse("2026-11-20T10:00:00Z");

    private static TrendScorer.Result result(String tag, double z, Instant trendingSince) {
        Rising r = new Rising(tag, 100, 50, 5, z, trendingSince);
        return new TrendScorer.Result(List.of(r), trendingSince == null ? List.of() : List.of(r));
    }

    @Test
    void alertsOnAWatchedOrTrendingSpikeThenCoolsDown() {
        Alerts alerts = new Alerts(5, Duration.ofMinutes(10));
        assertEquals(1, alerts.check(result("acme", 6, null), List.of("acme"), t0).size(), "watched");
        assertEquals(0, alerts.check(result("acme", 9, null), List.of("acme"), t0.plusSeconds(60)).size(),
                "cooling down");
        assertEquals(1, alerts.check(result("acme", 9, null), List.of("acme"), t0.plusSeconds(601)).size());
        assertEquals(0, alerts.check(result("other", 9, null), List.of("acme"), t0).size(),
                "neither watched nor trending");
        assertEquals(1, alerts.check(result("other", 9, t0), List.of("acme"), t0).size(), "trending");
        assertEquals(0, alerts.check(result("calm", 4.9, t0), List.of(), t0).size(), "under the threshold");
    }

    @Test
    void sentimentSamplesPastItsBudgetAndSaysSo() {
        SentimentBudget budget = new SentimentBudget(100);
        int scored = 0;
        for (int i = 0; i < 400; i++) {
            scored += budget.take(t0.plusMillis(i)) ? 1 : 0;
        }
        assertEquals(100, scored);
        assertEquals(0.25, budget.sampledShare());
        assertEquals(1.0, budget.sampledShare(), "nothing skipped since");
    }
}
