package io.socialpulse.stream.publish;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Room in the publisher's buffer, counted in records and bytes. A source that finds the buffer
 * full gets a stage that completes when room is freed, so it waits without holding a thread; the
 * waiters are served first come, first served.
 */
final class BufferPermits {

    private final long maxRecords;
    private final long maxBytes;
    private long records;
    private long bytes;
    private final Deque<Waiter> waiters = new ArrayDeque<>();

    private record Waiter(long bytes, CompletableFuture<Void> granted) {
    }

    BufferPermits(long maxRecords, long maxBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /** True if one record of {@code size} bytes was admitted now; false means call {@link #await}. */
    synchronized boolean tryAcquire(long size) {
        if (waiters.isEmpty() && fits(size)) {
            take(size);
            return true;
        }
        return false;
    }

    /** Whether one more record of {@code size} bytes would have to wait for room. */
    synchronized boolean full(long size) {
        return !waiters.isEmpty() || !fits(size);
    }

    synchronized CompletionStage<Void> await(long size) {
        if (waiters.isEmpty() && fits(size)) {
            take(size);
            return CompletableFuture.completedFuture(null);
        }
        Waiter waiter = new Waiter(size, new CompletableFuture<>());
        waiters.add(waiter);
        return waiter.granted();
    }

    void release(long size) {
        Deque<Waiter> granted = new ArrayDeque<>();
        synchronized (this) {
            records--;
            bytes -= size;
            while (!waiters.isEmpty() && fits(waiters.peek().bytes())) {
                Waiter next = waiters.poll();
                take(next.bytes());
                granted.add(next);
            }
        }
        // Completed outside the lock: the waiter's continuation may publish and come back here.
        granted.forEach(w -> w.granted().complete(null));
    }

    synchronized long records() {
        return records;
    }

    synchronized long bytes() {
        return bytes;
    }

    private boolean fits(long size) {
        // An empty buffer admits one record of any size, so a record larger than the byte cap still moves.
        return records == 0 || (records < maxRecords && bytes + size <= maxBytes);
    }

    private void take(long size) {
        records++;
        bytes += size;
    }
}
