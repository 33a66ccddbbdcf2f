package io.socialpulse.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * Posts into Kinesis with PutRecords. Posts wait in a bounded buffer; the pipeline groups them into
 * requests within the API's limits (or whatever arrived within the linger time), sends a few
 * requests at once, and resends only the entries a response marks as failed, with exponential
 * backoff and jitter. A page of posts is acknowledged only when Kinesis has accepted every one of
 * them, so a source advances its cursor only past posts that are safe. A full buffer makes
 * {@link #publish} wait, which is how sources slow down instead of dropping posts.
 */
public final class KinesisPublisher {

    private final KinesisAsyncClient client;
    private final PublisherSettings settings;
    private final DeadLetterSink deadLetters;
    private final BufferPermits permits;
    private final UnicastProcessor<OutgoingRecord> queue = UnicastProcessor.create();
    private final PublisherStats stats = new PublisherStats();
    private final Cancellable pipeline;
    private volatile boolean closed;
    private volatile Throwable broken;

    public KinesisPublisher(KinesisAsyncClient client, PublisherSettings settings, DeadLetterSink deadLetters) {
        this.client = client;
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.permits = new BufferPermits(settings.bufferRecords(), settings.bufferBytes());
        PutRecordsCall call = new PutRecordsCall(client, settings, stats, this::accepted, this::deadLetter);
        this.pipeline = queue
                .group().intoLists().of(Batches.MAX_RECORDS, settings.linger())
                // The linger timer emits whether or not a request slot is free; the lists wait here.
                // Their records already hold room in the bounded buffer, so this cannot grow past it.
                .onOverflow().buffer(settings.bufferRecords())
                .filter(list -> !list.isEmpty())
                .onItem().transformToIterable(list -> Batches.split(list, OutgoingRecord::size, Batches.MAX_RECORDS,
                        Batches.MAX_REQUEST_BYTES))
                .onItem().transformToUni(call::send).merge(settings.maxInFlight())
                .subscribe().with(ignored -> {
                }, failure -> {
                    // Should never happen; if it does, say so everywhere instead of hanging quietly:
                    // publish fails fast and liveness turns DOWN, so the task is replaced.
                    broken = failure;
                    Log.errorf(failure, "stream %s: the publisher pipeline stopped", settings.stream());
                });
    }

    /**
     * Hands a page of posts to Kinesis. The returned stage completes once every post is accepted
     * (or, for a post that can never be accepted, stored as a dead letter with its reason).
     */
    public Uni<Void> publish(List<Post> posts) {
        return Uni.createFrom().completionStage(() -> enqueue(posts));
    }

    public PublisherStats stats() {
        return stats;
    }

    /** Posts buffered or in flight. */
    public long pending() {
        return permits.records();
    }

    /** False once the pipeline has stopped on an unexpected failure. */
    public boolean alive() {
        return broken == null;
    }

    private CompletionStage<Void> enqueue(List<Post> posts) {
        if (closed) {
            return CompletableFuture.failedFuture(new PublisherClosedException());
        }
        if (broken != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the publisher pipeline stopped", broken));
        }
        PageAck page = new PageAck(posts.size());
        List<OutgoingRecord> records = new ArrayList<>(posts.size());
        for (Post post : posts) {
            OutgoingRecord record = OutgoingRecord.of(post.id(), PostCodec.encode(post), page);
            if (record.size() > Batches.MAX_RECORD_BYTES) {
                deadLetter(record, "record of " + record.size() + " bytes is over the 1 MiB Kinesis limit");
            } else {
                records.add(record);
            }
        }
        feed(records, 0);
        return page.done();
    }

    /** Admits records into the buffer in order; when it is full, continues once room is freed. */
    private void feed(List<OutgoingRecord> records, int from) {
        for (int i = from; i < records.size(); i++) {
            OutgoingRecord record = records.get(i);
            if (!permits.tryAcquire(record.size())) {
                int next = i;
                stats.bufferFull();
                permits.await(record.size()).thenRun(() -> {
                    emit(record);
                    feed(records, next + 1);
                });
                return;
            }
            emit(record);
        }
    }

    /** The processor takes one caller at a time, and sources publish from many threads. */
    private void emit(OutgoingRecord record) {
        synchronized (queue) {
            queue.onNext(record);
        }
    }

    private void accepted(OutgoingRecord record) {
        permits.release(record.size());
        record.page().settled();
    }

    private void deadLetter(OutgoingRecord record, String reason) {
        stats.deadLettered();
        Log.errorf("stream %s: post %s goes to the dead letter: %s", settings.stream(), record.postId(), reason);
        String name = record.partitionKey().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + Instant.now().toEpochMilli();
        deadLetters.store("publisher", name, record.data(), reason)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(20)
                .subscribe().with(ok -> {
                    if (permitsHeld(record)) {
                        permits.release(record.size());
                    }
                    record.page().settled();
                }, failure -> record.page().failed(failure));
    }

    private boolean permitsHeld(OutgoingRecord record) {
        // Oversized records are dead-lettered before they take room in the buffer.
        return record.size() <= Batches.MAX_RECORD_BYTES;
    }

    /**
     * Stops taking posts and waits up to {@code budget} for the buffer to drain. Returns the number
     * of posts that were still not accepted; their pages stay unacknowledged, so their sources'
     * cursors did not move past them.
     */
    public long close(Duration budget) {
        closed = true;
        long deadline = System.nanoTime() + budget.toNanos();
        while (permits.records() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // only on the shutdown thread, never in the pipeline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long left = permits.records();
        if (left > 0) {
            Log.errorf("stream %s: %d posts were not accepted by Kinesis before the stop budget of %s ran out",
                    settings.stream(), left, budget);
        } else {
            Log.infof("stream %s: publisher flushed, %d records put in all", settings.stream(), stats.recordsPut());
        }
        pipeline.cancel();
        return left;
    }
}
