package io.socialpulse.stream.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.socialpulse.stream.Backoff;

class ShardBudgetTest {

    private static final long SECOND = 1_000_000_000L;
    private final ShardBudget budget = new ShardBudget(100, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)));

    @Test
    void aShardTakesAThousandRecordsASecondAndNoMore() {
        for (int i = 0; i < 1000; i++) {
            assertTrue(budget.tryTake("s1", 10, 0), "record " + i);
        }
        assertFalse(budget.tryTake("s1", 10, 0));
        assertTrue(budget.tryTake("s2", 10, 0), "another shard has its own budget");
        long ready = budget.readyAt("s1", 10, 0);
        assertTrue(ready > 0 && ready <= SECOND / 1000 + 1, "one record's worth of time: " + ready);
        assertTrue(budget.tryTake("s1", 10, ready));
    }

    @Test
    void aShardTakesOneMebibyteASecond() {
        assertTrue(budget.tryTake("s1", 600 * 1024, 0));
        assertFalse(budget.tryTake("s1", 500 * 1024, 0), "1,100 KiB in one second is over");
        assertTrue(budget.tryTake("s1", 500 * 1024, SECOND / 2), "half a second refills half");
    }

    @Test
    void aRecordLargerThanASecondsBudgetPassesOnAFullBucketAndLeavesADebt() {
        assertTrue(budget.tryTake("s1", 3 * 1024 * 1024, 0));
        assertFalse(budget.tryTake("s1", 1024, SECOND), "two more seconds of debt to pay");
        assertTrue(budget.tryTake("s1", 1024, 3 * SECOND + SECOND / 10));
    }

    @Test
    void aScaledBudgetPlansBelowTheLimit() {
        ShardBudget half = new ShardBudget(50, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)));
        int taken = 0;
        while (half.tryTake("s1", 1, 0)) {
            taken++;
        }
        assertEquals(500, taken);
    }

    @Test
    void aThrottledShardRestsLongerEachTimeUntilItIsAcceptedAgain() {
        long first = budget.throttled("s1", 0);
        long second = budget.throttled("s1", first) - first;
        long third = budget.throttled("s1", first + second);
        assertTrue(first >= 50_000_000L && first <= 100_000_000L, "first rest " + first);
        assertTrue(second >= 100_000_000L, "second rest " + second);
        assertEquals(third, budget.pausedUntil("s1"));
        assertFalse(budget.tryTake("s1", 1, first + second), "a throttled shard's bucket is emptied");
        budget.accepted("s1");
        long again = budget.throttled("s1", 10 * SECOND) - 10 * SECOND;
        assertTrue(again <= 100_000_000L, "the backoff starts over after an acceptance: " + again);
    }
}
