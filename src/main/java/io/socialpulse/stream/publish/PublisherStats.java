package io.socialpulse.stream.publish;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.ObjLongConsumer;

/** Counters of the publisher, for logs, the status endpoints and tests. */
public final class PublisherStats {

    private final LongAdder recordsPut = new LongAdder();
    private final LongAdder bytesPut = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder retriedEntries = new LongAdder();
    private final LongAdder failedRequests = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder bufferFull = new LongAdder();
    private final LongAdder shardThrottles = new LongAdder();
    private final LongAdder budgetWaits = new LongAdder();
    private final LongAdder shed = new LongAdder();
    private volatile ObjLongConsumer<Integer> batches = (records, bytes) -> {
    };
    private final Map<String, AtomicLong> failuresByCode = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, AtomicLong> newCode = (code, counter) -> {
    };

    /** Called once for each error code the first time it is seen, with its live counter. */
    public void onNewCode(BiConsumer<String, AtomicLong> listener) {
        newCode = listener;
        failuresByCode.forEach(listener);
    }

    private AtomicLong code(String code) {
        return failuresByCode.computeIfAbsent(code, c -> {
            AtomicLong counter = new AtomicLong();
            newCode.accept(c, counter);
            return counter;
        });
    }

    /** Called with the records and bytes of every request sent. */
    public void onBatch(ObjLongConsumer<Integer> listener) {
        batches = listener;
    }

    void request(int records, long bytes) {
        requests.increment();
        batches.accept(records, bytes);
    }

    void put(int records, long bytes) {
        recordsPut.add(records);
        bytesPut.add(bytes);
    }

    void entryFailed(String code) {
        code(code).incrementAndGet();
    }

    void retried() {
        retriedEntries.increment();
    }

    void shardThrottled() {
        shardThrottles.increment();
    }

    void budgetWait() {
        budgetWaits.increment();
    }

    void shed() {
        shed.increment();
    }

    /** Times Kinesis throttled a shard (ProvisionedThroughputExceeded) and the shard was rested. */
    public long shardThrottles() {
        return shardThrottles.sum();
    }

    /** Times a shard's own budget held records back, so that Kinesis would not throttle them. */
    public long budgetWaits() {
        return budgetWaits.sum();
    }

    /** Posts that went out without their raw payload to fit the record limit. */
    public long shedPosts() {
        return shed.sum();
    }

    void requestFailed(String code) {
        failedRequests.increment();
        code(code).incrementAndGet();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void bufferFull() {
        bufferFull.increment();
    }

    public long recordsPut() {
        return recordsPut.sum();
    }

    public long bytesPut() {
        return bytesPut.sum();
    }

    public long requests() {
        return requests.sum();
    }

    public long retriedEntries() {
        return retriedEntries.sum();
    }

    public long failedRequests() {
        return failedRequests.sum();
    }

    public long deadLetteredCount() {
        return deadLettered.sum();
    }

    public long bufferFullWaits() {
        return bufferFull.sum();
    }

    public Map<String, Long> failuresByCode() {
        Map<String, Long> copy = new TreeMap<>();
        failuresByCode.forEach((code, n) -> copy.put(code, n.get()));
        return copy;
    }
}
