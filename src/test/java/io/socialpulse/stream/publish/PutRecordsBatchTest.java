package io.socialpulse.stream.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How requests fill, as the dispatcher fills them: entry by entry while {@code fits}. */
class PutRecordsBatchTest {

    private static List<PutRecordsBatch> fill(List<Integer> sizes, Limits limits) {
        List<PutRecordsBatch> requests = new ArrayList<>();
        PutRecordsBatch current = new PutRecordsBatch(limits);
        int n = 0;
        for (int size : sizes) {
            // A one-character partition key; the data makes up the rest of the size.
            OutgoingRecord record = new OutgoingRecord("p" + n, Integer.toString(n % 10), new byte[size - 1], null);
            n++;
            if (!current.fits(record.size())) {
                requests.add(current);
                current = new PutRecordsBatch(limits);
            }
            current.add("shardId-0", List.of(record), record.size());
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    @Test
    void holdsAtMostFiveHundredRecords() {
        List<PutRecordsBatch> requests = fill(Collections.nCopies(1200, 1000), Limits.DEFAULT);
        assertEquals(List.of(500, 500, 200), requests.stream().map(PutRecordsBatch::records).toList());
    }

    @Test
    void endsBeforeTheRequestByteLimit() {
        List<PutRecordsBatch> requests = fill(Collections.nCopies(12, 900 * 1024), Limits.DEFAULT);
        requests.forEach(r -> assertTrue(r.bytes() <= 5 * Limits.MIB));
        assertEquals(List.of(5, 5, 2), requests.stream().map(PutRecordsBatch::records).toList());
    }

    @Test
    void aStreamWithLargeRecordsTakesTenMebibyteRequests() {
        Limits large = Limits.of(10240);
        assertEquals(10 * Limits.MIB, large.recordBytes());
        List<PutRecordsBatch> requests = fill(Collections.nCopies(12, 900 * 1024), large);
        assertEquals(List.of(11, 1), requests.stream().map(PutRecordsBatch::records).toList());
        assertEquals(Limits.DEFAULT, Limits.of(null), "a stream that does not say has the 1 MiB limit");
    }

    @Test
    void keepsOrderAndLosesNothing() {
        List<Integer> sizes = List.of(3, 1, 4, 1, 5, 9, 2, 6);
        List<PutRecordsBatch> requests = fill(sizes, new Limits(10, 10));
        assertEquals(sizes,
                requests.stream().flatMap(r -> r.entries().stream()).map(PutRecordsBatch.Entry::size).toList());
        assertEquals(List.of(4, 1, 1, 2), requests.stream().map(PutRecordsBatch::records).toList());
    }
}
