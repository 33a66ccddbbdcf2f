package io.socialpulse.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void firstTryDoesNotWait() {
        assertEquals(Duration.ZERO, backoff.delay(0));
    }

    @Test
    void doublesWithJitterUpToTheCap() {
        for (int i = 0; i < 200; i++) {
            long first = backoff.delay(1).toMillis();
            long fourth = backoff.delay(4).toMillis();
            long late = backoff.delay(40).toMillis();
            assertTrue(first >= 50 && first <= 100, "attempt 1 waited " + first);
            assertTrue(fourth >= 400 && fourth <= 800, "attempt 4 waited " + fourth);
            assertTrue(late >= 1000 && late <= 2000, "attempt 40 waited " + late);
        }
    }
}
