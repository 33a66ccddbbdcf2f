package io.socialpulse.stream.publish;

import java.util.ArrayDeque;
import java.util.List;

import io.quarkus.logging.Log;

/**
 * Fills one PutRecords request from the shard queues, taking the shards in turn so none starves,
 * and from each only what its budget allows now: nothing from a shard resting after a throttle,
 * nothing not yet due for a resend. An oversized post loses its raw payload or is rejected here.
 * Runs under the dispatcher's lock.
 */
final class RequestFiller {

    /** The request (null when nothing can go now) and, then, when something can. */
    record Filled(PutRecordsBatch request, long retryAt) {
    }

    private final ShardQueues queues;
    private final ShardBudget budget;
    private final PublisherSettings settings;
    private final PublisherStats stats;
    private int turn;

    RequestFiller(ShardQueues queues, ShardBudget budget, PublisherSettings settings, PublisherStats stats) {
        this.queues = queues;
        this.budget = budget;
        this.settings = settings;
        this.stats = stats;
    }

    /**
     * When the queued records should go (nanoTime): now when a request would be full or nothing may
     * wait ({@code hurry}: a flush, or a buffer with no room left), else once the oldest has lingered
     * {@code KINESIS_LINGER}. Aggregates carry many posts each, so with aggregation only bytes fill.
     */
    long dueAt(long now, Limits limits, boolean hurry) {
        boolean full = !settings.aggregate() && queues.records() >= PutRecordsBatch.MAX_ENTRIES
                || queues.bytes() >= limits.requestBytes();
        return full || hurry ? now : queues.oldest() + settings.linger().toNanos();
    }

    Filled fill(long now, Limits limits, List<Outcomes.Rejection> rejections) {
        PutRecordsBatch request = new PutRecordsBatch(limits);
        long earliest = Long.MAX_VALUE;
        List<String> shards = queues.shards();
        for (int k = 0; k < shards.size() && request.hasRoom(); k++) {
            String shard = shards.get((turn + k) % shards.size());
            ArrayDeque<OutgoingRecord> queue = queues.of(shard);
            long rest = budget.pausedUntil(shard);
            if (rest > now) {
                earliest = Math.min(earliest, rest);
                continue;
            }
            while (!queue.isEmpty() && request.hasRoom()) {
                OutgoingRecord head = queue.peekFirst();
                if (head.notBefore > now) {
                    earliest = Math.min(earliest, head.notBefore);
                    break;
                }
                if (head.size() > limits.recordBytes() && !fit(shard, head, limits, rejections)) {
                    continue;
                }
                List<OutgoingRecord> entry = settings.aggregate()
                        ? PutRecordsBatch.aggregate(queue, now,
                                Math.min(settings.aggregateMaxBytes(), limits.recordBytes()))
                        : List.of(head);
                int size = PutRecordsBatch.entrySize(entry);
                if (!request.fits(size)) {
                    break;
                }
                if (!budget.tryTake(shard, size, now)) {
                    stats.budgetWait();
                    earliest = Math.min(earliest, budget.readyAt(shard, size, now));
                    break;
                }
                entry.forEach(r -> queues.take(shard, r));
                request.add(shard, entry, size);
            }
        }
        turn++;
        return request.isEmpty() ? new Filled(null, earliest) : new Filled(request, earliest);
    }

    /** Sheds an oversized head's raw payload; when even that is too big, takes it out as rejected. */
    private boolean fit(String shard, OutgoingRecord head, Limits limits, List<Outcomes.Rejection> rejections) {
        int before = head.size();
        if (!Shedding.fit(head, limits.recordBytes())) {
            queues.take(shard, head);
            rejections.add(new Outcomes.Rejection(head, "record of " + head.size()
                    + " bytes is over the stream's record limit of " + limits.recordBytes() + " bytes"
                    + (head.shed ? " even without its raw payload" : "")));
            return false;
        }
        stats.shed();
        Log.warnf("stream %s: post %s goes out without its raw payload (%d bytes over the limit)", settings.stream(),
                head.postId(), before - limits.recordBytes());
        return true;
    }
}
