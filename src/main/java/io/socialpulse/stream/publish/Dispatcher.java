package io.socialpulse.stream.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.stream.Backoff;
import io.socialpulse.stream.PutRecordsErrors;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Turns buffered records into PutRecords requests. Records wait in one queue per predicted shard;
 * a request takes from the queues in turn, only what each shard's budget allows, so throttling is
 * avoided rather than retried. Answers are sorted by error code (see {@link FailurePolicy}):
 * a throttled shard rests alone, a KMS throttle slows everything, an unanswered request is sent
 * again, and a record that used up its attempts or its time to live goes to the dead letter.
 * State is guarded by this object's lock; Kinesis calls and callbacks run outside it.
 */
final class Dispatcher {

    private final KinesisAsyncClient client;
    private final PublisherSettings settings;
    private final PublisherStats stats;
    private final Outcomes outcomes;
    private final ShardBudget budget;
    private final ShardDirectory directory;
    private final Backoff soon = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2));
    private final ShardQueues queues = new ShardQueues();
    private final RequestFiller filler;
    private final Retries retries;
    private final Wakeup wakeup = new Wakeup(this::pump);
    private int inFlight;
    private long pausedUntil;
    private int requestFailures;
    private boolean flushing;
    private boolean starved;
    private boolean stopped;
    private final Unanswered unanswered = new Unanswered();

    Dispatcher(KinesisAsyncClient client, PublisherSettings settings, PublisherStats stats, Outcomes outcomes) {
        this.client = client;
        this.settings = settings;
        this.stats = stats;
        this.outcomes = outcomes;
        this.budget = new ShardBudget(settings.ratePercent(), settings.backoff());
        this.directory = new ShardDirectory(client, settings.stream(), settings.shardRefresh(), this::resharded);
        this.filler = new RequestFiller(queues, budget, settings, stats);
        this.retries = new Retries(settings, stats, record -> enqueue(record, true));
    }

    /**
     * Queues records admitted to the buffer, in order, and sends what is due. {@code bufferFull}:
     * nothing more can come until something goes, so what is queued goes without lingering (with
     * aggregation a request may never fill).
     */
    void offer(List<OutgoingRecord> records, boolean bufferFull) {
        synchronized (this) {
            for (OutgoingRecord record : records) {
                enqueue(record, false);
            }
            starved |= bufferFull;
        }
        pump();
    }

    /** From now on, send without lingering to fill requests: the stop is flushing. */
    void flush() {
        synchronized (this) {
            flushing = true;
        }
        pump();
    }

    /**
     * The stop's budget ran out: nothing more is sent, and answers still to come (the client is
     * closed after this) are dropped without a word; their pages were failed by the publisher.
     */
    void stop() {
        synchronized (this) {
            stopped = true;
            queues.drain();
        }
        // Abort what is in flight, so that no request is still open when the stop closes the client.
        unanswered.abortAll();
    }

    /** Requests sent and not yet answered (or aborted). */
    int unanswered() {
        return unanswered.count();
    }

    List<String> openShards() {
        return directory.map().shardIds();
    }

    private void enqueue(OutgoingRecord record, boolean first) {
        queues.add(directory.map().shardOf(record.partitionKey()), record, first);
    }

    private synchronized void resharded(ShardMap map) {
        queues.drain().forEach(r -> enqueue(r, false));
        budget.retain(map.shardIds());
    }

    /** Sends what is due; the first call also reads the stream's shards and limits. */
    void pump() {
        List<PutRecordsBatch> sends = new ArrayList<>();
        List<Outcomes.Rejection> rejections = new ArrayList<>();
        boolean refresh;
        synchronized (this) {
            if (stopped) {
                return;
            }
            long now = System.nanoTime();
            refresh = directory.due(now);
            while (directory.ready() && inFlight < settings.maxInFlight()) {
                PutRecordsBatch request = build(now, rejections);
                if (request == null) {
                    break;
                }
                inFlight++;
                sends.add(request);
            }
        }
        rejections.forEach(r -> outcomes.rejected(r.record(), r.reason()));
        if (refresh) {
            directory.refresh().subscribe().with(ok -> pump(), f -> pump());
        }
        sends.forEach(this::send);
    }

    private PutRecordsBatch build(long now, List<Outcomes.Rejection> rejections) {
        if (queues.records() == 0) {
            return null;
        }
        if (now < pausedUntil) {
            wakeup.at(pausedUntil, now);
            return null;
        }
        Limits limits = directory.limits();
        long due = filler.dueAt(now, limits, flushing || starved);
        if (due > now) {
            wakeup.at(due, now);
            return null;
        }
        RequestFiller.Filled filled = filler.fill(now, limits, rejections);
        if (filled.request() != null) {
            starved = false;
        }
        if (filled.request() == null && filled.retryAt() != Long.MAX_VALUE) {
            wakeup.at(filled.retryAt(), now);
        }
        return filled.request();
    }

    private void send(PutRecordsBatch request) {
        stats.request(request.records(), request.bytes());
        Uni.createFrom()
                .completionStage(() -> unanswered.track(client.putRecords(request.toPutRecords(settings.stream()))))
                .subscribe().with(response -> settle(request, response), failure -> failed(request, failure));
    }

    private void settle(PutRecordsBatch request, PutRecordsResponse response) {
        if (stopped()) {
            return;
        }
        List<OutgoingRecord> accepted = new ArrayList<>();
        List<Outcomes.Rejection> rejections = new ArrayList<>();
        List<PutRecordsResultEntry> results = response.records();
        long now = System.nanoTime();
        long bytes = 0;
        synchronized (this) {
            inFlight--;
            requestFailures = 0;
            for (int i = 0; i < request.entries().size(); i++) {
                PutRecordsBatch.Entry entry = request.entries().get(i);
                PutRecordsResultEntry result = i < results.size() ? results.get(i) : null;
                if (result != null && result.errorCode() == null) {
                    accepted.addAll(entry.records());
                    bytes += entry.size();
                    budget.accepted(entry.shard());
                    directory.landedOn(entry.shard(), result.shardId());
                    continue;
                }
                String code = result == null ? "MissingResult" : result.errorCode();
                stats.entryFailed(code);
                long notBefore = 0;
                switch (FailurePolicy.forEntry(code)) {
                    case SHARD_BACKOFF -> {
                        stats.shardThrottled();
                        budget.throttled(entry.shard(), now);
                    }
                    case SLOW_ALL -> pausedUntil = Math.max(pausedUntil, now + soon.delay(++requestFailures).toNanos());
                    default -> notBefore = now + soon.delay(entry.records().get(0).attempts + 1).toNanos();
                }
                String error = result == null ? code : code + ": " + result.errorMessage();
                retries.retry(entry.records(), error, true, notBefore, now, rejections);
            }
        }
        stats.put(accepted.size(), bytes);
        if (accepted.size() < request.records()) {
            Log.warnf("stream %s: resending %d of %d records, first error %s", settings.stream(),
                    request.records() - accepted.size() - rejections.size(), request.records(),
                    PutRecordsErrors.first(results));
        }
        outcomes.accepted(accepted);
        rejections.forEach(r -> outcomes.rejected(r.record(), r.reason()));
        pump();
    }

    private void failed(PutRecordsBatch request, Throwable failure) {
        if (stopped()) {
            return;
        }
        String code = PutRecordsErrors.code(failure);
        stats.requestFailed(code);
        FailurePolicy policy = FailurePolicy.forRequest(code);
        List<Outcomes.Rejection> rejections = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            inFlight--;
            for (PutRecordsBatch.Entry entry : request.entries()) {
                if (policy == FailurePolicy.DEAD_LETTER) {
                    entry.records().forEach(r -> rejections.add(new Outcomes.Rejection(r,
                            "PutRecords rejected the request: " + PutRecordsErrors.message(failure))));
                } else {
                    retries.retry(entry.records(), code, policy == FailurePolicy.SLOW_ALL, 0, now, rejections);
                }
            }
            if (policy != FailurePolicy.DEAD_LETTER) {
                pausedUntil = Math.max(pausedUntil, now + settings.backoff().delay(++requestFailures).toNanos());
            }
        }
        Log.warnf("stream %s: PutRecords of %d records failed (%s), %s", settings.stream(), request.records(), code,
                policy == FailurePolicy.DEAD_LETTER ? "not retryable" : "sending again after a backoff");
        rejections.forEach(r -> outcomes.rejected(r.record(), r.reason()));
        pump();
    }

    private synchronized boolean stopped() {
        return stopped;
    }
}
