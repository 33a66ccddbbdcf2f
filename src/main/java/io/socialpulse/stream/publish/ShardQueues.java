package io.socialpulse.stream.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records waiting to be sent: one queue per shard they will land on, each in the order the
 * posts came (a resent record goes back to the front). Guarded by the dispatcher's lock.
 */
final class ShardQueues {

    private final Map<String, ArrayDeque<OutgoingRecord>> queues = new LinkedHashMap<>();
    private int records;
    private long bytes;

    void add(String shard, OutgoingRecord record, boolean first) {
        ArrayDeque<OutgoingRecord> queue = queues.computeIfAbsent(shard, s -> new ArrayDeque<>());
        if (first) {
            queue.addFirst(record);
        } else {
            queue.addLast(record);
        }
        records++;
        bytes += record.admitted;
    }

    /** Removes the head of the shard's queue, which must be {@code record}. */
    void take(String shard, OutgoingRecord record) {
        queues.get(shard).pollFirst();
        records--;
        bytes -= record.admitted;
    }

    ArrayDeque<OutgoingRecord> of(String shard) {
        return queues.get(shard);
    }

    List<String> shards() {
        return new ArrayList<>(queues.keySet());
    }

    int records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    /** When the longest-waiting record was handed over, or {@link Long#MAX_VALUE} when none waits. */
    long oldest() {
        long oldest = Long.MAX_VALUE;
        for (ArrayDeque<OutgoingRecord> queue : queues.values()) {
            if (!queue.isEmpty()) {
                oldest = Math.min(oldest, queue.peekFirst().enqueuedAt);
            }
        }
        return oldest;
    }

    /** Empties every queue and returns what they held, each queue in order (to sort it anew). */
    List<OutgoingRecord> drain() {
        List<OutgoingRecord> all = new ArrayList<>(records);
        queues.values().forEach(all::addAll);
        queues.clear();
        records = 0;
        bytes = 0;
        return all;
    }
}
