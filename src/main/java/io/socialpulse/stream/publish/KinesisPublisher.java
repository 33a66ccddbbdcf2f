package io.socialpulse.stream.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * Posts into Kinesis with PutRecords. Posts wait in a bounded buffer (records and bytes); the
 * {@link Dispatcher} sends them in requests within the API's and each shard's limits, and resends
 * by error code. A page of posts is acknowledged only when Kinesis has accepted every one of them
 * (or a post that can never be accepted is stored as a dead letter with its reason), so a source
 * advances its cursor only past posts that are safe. A full buffer makes {@link #publish} wait,
 * which is how sources slow down instead of dropping posts.
 */
public final class KinesisPublisher {

    private final PublisherSettings settings;
    private final DeadLetterSink deadLetters;
    private final BufferPermits permits;
    private final PublisherStats stats = new PublisherStats();
    private final Dispatcher dispatcher;
    private final Set<PageAck> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public KinesisPublisher(KinesisAsyncClient client, PublisherSettings settings, DeadLetterSink deadLetters) {
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.permits = new BufferPermits(settings.bufferRecords(), settings.bufferBytes());
        this.dispatcher = new Dispatcher(client, settings, stats, new Outcomes() {
            @Override
            public void accepted(List<OutgoingRecord> records) {
                records.forEach(KinesisPublisher.this::accepted);
            }

            @Override
            public void rejected(OutgoingRecord record, String reason) {
                deadLetter(record, reason, true);
            }
        });
        dispatcher.pump(); // reads the stream's shards and limits
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

    /** The open shards the publisher plans with, from its last reading of the stream. */
    public List<String> openShards() {
        return dispatcher.openShards();
    }

    /** Posts buffered or in flight. */
    public long pending() {
        return permits.records();
    }

    /** Encoded bytes buffered or in flight. */
    public long pendingBytes() {
        return permits.bytes();
    }

    private CompletionStage<Void> enqueue(List<Post> posts) {
        if (closed) {
            return CompletableFuture.failedFuture(new PublisherClosedException());
        }
        PageAck page = new PageAck(posts.size());
        open.add(page);
        page.done().whenComplete((ok, failure) -> open.remove(page));
        List<OutgoingRecord> records = new ArrayList<>(posts.size());
        for (Post post : posts) {
            OutgoingRecord record = OutgoingRecord.of(post.id(), PostCodec.encode(post), page);
            if (record.size() > Limits.MIB * 10) {
                // Over the largest limit any stream has: no room in the buffer for what can never go.
                deadLetter(record, "record of " + record.size() + " bytes is over the 10 MiB Kinesis limit", false);
            } else {
                records.add(record);
            }
        }
        feed(records, 0);
        return page.done();
    }

    /** Admits records into the buffer in order; when it is full, continues once room is freed. */
    private void feed(List<OutgoingRecord> records, int from) {
        int admitted = from;
        while (admitted < records.size() && permits.tryAcquire(records.get(admitted).admitted)) {
            admitted++;
        }
        // Posts waiting for room, or no room for one more: lingering would not fill a request.
        boolean full = admitted < records.size()
                || !records.isEmpty() && permits.full(records.get(records.size() - 1).admitted);
        dispatcher.offer(records.subList(from, admitted), full);
        if (admitted < records.size()) {
            OutgoingRecord record = records.get(admitted);
            int next = admitted + 1;
            stats.bufferFull();
            permits.await(record.admitted).thenRun(() -> {
                dispatcher.offer(List.of(record), false);
                feed(records, next);
            });
        }
    }

    private void accepted(OutgoingRecord record) {
        permits.release(record.admitted);
        record.page().settled();
    }

    private void deadLetter(OutgoingRecord record, String reason, boolean admitted) {
        stats.deadLettered();
        Log.errorf("stream %s: post %s goes to the dead letter: %s", settings.stream(), record.postId(), reason);
        String name = record.partitionKey().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + Instant.now().toEpochMilli();
        deadLetters.store("publisher", name, record.data(), reason)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(20)
                .subscribe().with(ok -> {
                    if (admitted) {
                        permits.release(record.admitted);
                    }
                    record.page().settled();
                }, failure -> {
                    if (admitted) {
                        permits.release(record.admitted);
                    }
                    Log.errorf(failure, "stream %s: post %s could not be stored as a dead letter either",
                            settings.stream(), record.postId());
                    record.page().failed(failure);
                });
    }

    /**
     * Stops taking posts, sends what is buffered without lingering and waits up to {@code budget}
     * for it to be accepted. Returns the number of posts still not accepted; their pages stay
     * unacknowledged, so their sources' cursors did not move past them.
     */
    public long close(Duration budget) {
        return close(System.nanoTime() + budget.toNanos());
    }

    /**
     * {@link #close(Duration)} with a deadline ({@link System#nanoTime()}). Past it the publisher
     * sends nothing more and fails the pages still open, so that no source waits on them and no
     * Kinesis call starts after the stop has moved on.
     */
    public long close(long deadlineNanos) {
        closed = true;
        dispatcher.flush();
        StopWait.until(() -> permits.records() == 0, deadlineNanos);
        long left = permits.records();
        if (left > 0) {
            dispatcher.stop();
            // Aborted requests end at once; wait a moment for them, so none is open when the client closes.
            StopWait.until(() -> dispatcher.unanswered() == 0, System.nanoTime() + Duration.ofSeconds(1).toNanos());
            open.forEach(page -> page.failed(new PublisherClosedException()));
            Log.errorf("stream %s: %d posts were not accepted by Kinesis within the stop budget; their sources'"
                    + " cursors stay before them", settings.stream(), left);
        } else {
            Log.infof("stream %s: publisher flushed, %d records put in all", settings.stream(), stats.recordsPut());
        }
        return left;
    }
}
