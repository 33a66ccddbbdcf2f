package io.socialpulse.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class BatchesTest {

    @Test
    void splitsAtFiveHundredRecords() {
        List<Integer> sizes = Collections.nCopies(1200, 1000);
        List<List<Integer>> batches = Batches.split(sizes, i -> i, Batches.MAX_RECORDS, Batches.MAX_REQUEST_BYTES);
        assertEquals(List.of(500, 500, 200), batches.stream().map(List::size).toList());
    }

    @Test
    void splitsBeforeTheRequestByteLimit() {
        List<Integer> sizes = Collections.nCopies(12, 900 * 1024);
        List<List<Integer>> batches = Batches.split(sizes, i -> i, Batches.MAX_RECORDS, Batches.MAX_REQUEST_BYTES);
        batches.forEach(b -> assertTrue(b.stream().mapToLong(i -> i).sum() <= Batches.MAX_REQUEST_BYTES));
        assertEquals(List.of(5, 5, 2), batches.stream().map(List::size).toList());
    }

    @Test
    void keepsOrderAndLosesNothing() {
        List<Integer> sizes = List.of(3, 1, 4, 1, 5, 9, 2, 6);
        List<List<Integer>> batches = Batches.split(sizes, i -> i, 3, 10);
        assertEquals(sizes, batches.stream().flatMap(List::stream).toList());
        assertEquals(List.of(List.of(3, 1, 4), List.of(1, 5), List.of(9), List.of(2, 6)), batches);
    }
}
