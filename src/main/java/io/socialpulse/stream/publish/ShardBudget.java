package io.socialpulse.stream.publish;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.socialpulse.stream.Backoff;

/**
 * Per-shard token buckets at the write limits (1,000 records and 1 MiB per second, scaled by a
 * percentage), so a shard is not sent more than it can take, plus a backoff per shard for the
 * times Kinesis throttles it anyway (another producer on the same shard, a hot key). Callers hold
 * their own lock; times are {@link System#nanoTime} values.
 */
final class ShardBudget {

    static final double RECORDS_PER_SECOND = 1000;
    static final double BYTES_PER_SECOND = 1024 * 1024;
    private static final double NANOS = 1e9;

    private final double records;
    private final double bytes;
    private final Backoff backoff;
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double records;
        double bytes;
        long at;
        long pausedUntil;
        int throttles;
    }

    ShardBudget(int percent, Backoff backoff) {
        this.records = RECORDS_PER_SECOND * percent / 100;
        this.bytes = BYTES_PER_SECOND * percent / 100;
        this.backoff = backoff;
    }

    private Bucket bucket(String shard, long now) {
        Bucket b = buckets.computeIfAbsent(shard, s -> {
            Bucket fresh = new Bucket();
            fresh.records = records;
            fresh.bytes = bytes;
            fresh.at = now;
            return fresh;
        });
        double seconds = Math.max(0, now - b.at) / NANOS;
        b.records = Math.min(records, b.records + seconds * records);
        b.bytes = Math.min(bytes, b.bytes + seconds * bytes);
        b.at = now;
        return b;
    }

    /**
     * Takes one record of {@code size} bytes from the shard's budget if it has room now (a record
     * larger than a whole second's budget passes once the bucket is full, and leaves it in debt).
     */
    boolean tryTake(String shard, int size, long now) {
        if (ShardMap.UNKNOWN.equals(shard)) {
            return true;
        }
        Bucket b = bucket(shard, now);
        if (b.records >= 1 && b.bytes >= Math.min(size, bytes)) {
            b.records -= 1;
            b.bytes -= size;
            return true;
        }
        return false;
    }

    /** When the shard will have room for a record of {@code size} bytes again. */
    long readyAt(String shard, int size, long now) {
        Bucket b = bucket(shard, now);
        double needRecords = Math.max(0, 1 - b.records) / records;
        double needBytes = Math.max(0, Math.min(size, bytes) - b.bytes) / bytes;
        return Math.max(b.pausedUntil, now + (long) (Math.max(needRecords, needBytes) * NANOS) + 1);
    }

    /** Until when a throttled shard rests; 0 when it does not. */
    long pausedUntil(String shard) {
        Bucket b = buckets.get(shard);
        return b == null ? 0 : b.pausedUntil;
    }

    /** Kinesis said the shard is over its limit: empty its bucket and rest it, longer each time in a row. */
    long throttled(String shard, long now) {
        Bucket b = bucket(shard, now);
        b.throttles++;
        b.records = 0;
        b.bytes = 0;
        b.pausedUntil = Math.max(b.pausedUntil, now + backoff.delay(b.throttles).toNanos());
        return b.pausedUntil;
    }

    void accepted(String shard) {
        Bucket b = buckets.get(shard);
        if (b != null) {
            b.throttles = 0;
        }
    }

    /** After resharding: forget shards that are gone, so their state does not linger. */
    void retain(Collection<String> shards) {
        buckets.keySet().retainAll(shards);
    }
}
