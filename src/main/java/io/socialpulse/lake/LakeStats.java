package io.socialpulse.lake;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/** Counters of the lake writer. */
public final class LakeStats {

    private final LongAdder objects = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder records = new LongAdder();
    private final LongAdder poison = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder rollsLost = new LongAdder();
    private final Map<String, LongAdder> rollsByReason = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, LongAdder> newReason = (reason, counter) -> {
    };

    /** Called once for each roll reason the first time it is seen, with its live counter. */
    public void onNewReason(BiConsumer<String, LongAdder> listener) {
        newReason = listener;
        rollsByReason.forEach(listener);
    }

    void rolled(String reason, List<LakeObject> written) {
        rollsByReason.computeIfAbsent(reason, r -> {
            LongAdder counter = new LongAdder();
            newReason.accept(r, counter);
            return counter;
        }).increment();
        for (LakeObject object : written) {
            objects.increment();
            bytes.add(object.bytes());
            records.add(object.records());
        }
    }

    void poison() {
        poison.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void rollLost() {
        rollsLost.increment();
    }

    /** Rolls dropped because another writer of the same shard had committed the range first. */
    public long rollsLost() {
        return rollsLost.sum();
    }

    /** Posts not written because the shard had written the same post id within the dedup horizon. */
    public long duplicates() {
        return duplicates.sum();
    }

    public long objects() {
        return objects.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    public long records() {
        return records.sum();
    }

    public long poisonRecords() {
        return poison.sum();
    }

    public Map<String, Long> rollsByReason() {
        Map<String, Long> copy = new TreeMap<>();
        rollsByReason.forEach((reason, n) -> copy.put(reason, n.sum()));
        return copy;
    }
}
