package io.socialpulse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class StopBudgetTest {

    private static final long S = 1_000_000_000L;

    @Test
    void withAReaderTheFlushLeavesTheDrainAsMuchAsTheCommitKeeps() {
        StopBudget budget = StopBudget.starting(100 * S, Duration.ofSeconds(20), Duration.ofSeconds(20), true);
        assertEquals(108 * S, budget.flushUntil());
        assertEquals(114 * S, budget.drainUntil());
        assertEquals(120 * S, budget.end());
    }

    @Test
    void withoutAReaderTheFlushMayUseTheBudgetButAMoment() {
        StopBudget budget = StopBudget.starting(0, Duration.ofSeconds(20), Duration.ofSeconds(30), false);
        assertEquals(19 * S, budget.flushUntil());
    }

    @Test
    void theFlushNeverTakesMoreThanItsOwnTimeout() {
        StopBudget budget = StopBudget.starting(0, Duration.ofSeconds(20), Duration.ofSeconds(3), false);
        assertEquals(3 * S, budget.flushUntil());
        assertEquals(14 * S, budget.drainUntil());
    }
}
