package io.socialpulse.stream.read;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.socialpulse.stream.Backoff;
import io.socialpulse.stream.PutRecordsErrors;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

/**
 * Reads one shard with GetRecords until it ends or the reader stops, handing each page of records
 * to the listeners in turn. Any failure restarts the shard from its checkpoint after a backoff, so
 * listeners never see a gap; an expired iterator resumes right after the last record delivered.
 */
final class ShardLoop implements ShardRead {

    private final String shardId;
    private final ReaderSettings settings;
    private final KinesisAsyncClient client;
    private final List<ShardListener> listeners;
    private final ShardStart start;
    private final Backoff backoff;
    private volatile boolean stopping;
    private volatile long drainDeadline;
    private volatile long stopRequestedAt = Long.MAX_VALUE;
    private long readStartedAt;
    private volatile boolean caughtUp;
    private volatile boolean ended;
    private String iterator;
    private String lastDelivered;
    private boolean restart = true;
    private int failures;
    private volatile long millisBehind = -1;
    /** The read in flight, given up if it is still unanswered at the drain deadline. */
    private volatile CompletableFuture<GetRecordsResponse> reading;
    private final ReadPause waits = new ReadPause();

    ShardLoop(String shardId, ReaderSettings settings, KinesisAsyncClient client, List<ShardListener> listeners,
            Optional<CheckpointSource> checkpoints) {
        this.shardId = shardId;
        this.settings = settings;
        this.client = client;
        this.listeners = listeners;
        this.start = new ShardStart(shardId, settings, client, checkpoints);
        this.backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
    }

    /** Completes true when the shard was read to its end, false when the loop was stopped. */
    @Override
    public Uni<Boolean> run() {
        return Multi.createBy().repeating().uni(this::step).until(outcome -> outcome != Outcome.CONTINUE)
                .collect().last()
                .replaceWith(() -> ended)
                .call(ended -> ended ? each(l -> l.onShardEnd(shardId)) : each(l -> l.onStop(shardId)));
    }

    /**
     * Reads on until the shard is caught up (or the deadline passes) and then stops, so that what
     * the publisher flushed just before reaches the listeners in this run.
     */
    @Override
    public void stop(long deadlineNanos) {
        drainDeadline = deadlineNanos;
        stopRequestedAt = System.nanoTime();
        stopping = true;
        waits.stop();
        Infrastructure.getDefaultWorkerPool().schedule(() -> {
            CompletableFuture<GetRecordsResponse> read = reading;
            if (read != null) {
                read.cancel(true); // past the drain deadline an unanswered read is given up
            }
        }, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** True once a read begun after the stop request found nothing more: the shard was read to its tip. */
    @Override
    public boolean caughtUp() {
        return caughtUp || ended;
    }

    private Uni<Outcome> step() {
        if (stopping && (caughtUp || System.nanoTime() > drainDeadline || iterator == null)) {
            return Uni.createFrom().item(Outcome.STOPPED);
        }
        Uni<Void> open = iterator == null ? open() : Uni.createFrom().voidItem();
        return open.chain(this::read)
                .onFailure().recoverWithUni(this::failed);
    }

    private Uni<Void> open() {
        return start.open(restart, lastDelivered).invoke(opened -> {
            restart = false;
            lastDelivered = opened.after();
            iterator = opened.iterator();
        }).replaceWithVoid();
    }

    /** How far the last read was behind the tip of the shard, or -1 before the first read. */
    @Override
    public long millisBehind() {
        return millisBehind;
    }

    /** How often this shard had to skip ahead because its checkpoint had left the stream. */
    @Override
    public long expiredCheckpoints() {
        return start.expiredCheckpoints();
    }

    private Uni<Outcome> read() {
        readStartedAt = System.nanoTime();
        return Uni.createFrom().completionStage(() -> {
            CompletableFuture<GetRecordsResponse> call = client
                    .getRecords(r -> r.shardIterator(iterator).limit(settings.maxRecords()));
            reading = call;
            if (stopping && System.nanoTime() > drainDeadline) {
                call.cancel(true);
            }
            return call;
        }).onFailure(f -> stopping && f instanceof CancellationException).recoverWithNull()
                .chain(this::deliver);
    }

    private Uni<Outcome> deliver(GetRecordsResponse response) {
        if (response == null) {
            return Uni.createFrom().item(Outcome.STOPPED);
        }
        List<StreamRecord> records = RecordDecoder.decode(shardId, response.records());
        if (response.millisBehindLatest() != null) {
            millisBehind = response.millisBehindLatest();
        }
        // Only a read that began after the stop request proves the tail was read.
        caughtUp = records.isEmpty() && readStartedAt > stopRequestedAt
                && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0);
        Uni<Void> handed = records.isEmpty() ? each(l -> l.onIdle(shardId)) : each(l -> l.onRecords(shardId, records));
        return handed.map(ignored -> {
            failures = 0;
            if (!records.isEmpty()) {
                lastDelivered = records.get(records.size() - 1).sequenceNumber();
            }
            iterator = response.nextShardIterator();
            ended = iterator == null;
            return ended ? Outcome.ENDED : Outcome.CONTINUE;
        }).call(outcome -> {
            boolean behind = response.millisBehindLatest() != null && response.millisBehindLatest() > 0;
            // GetRecords allows 5 calls per second per shard: never go faster than that.
            Duration wait = outcome == Outcome.ENDED
                    ? Duration.ZERO
                    : behind && !records.isEmpty() ? Duration.ofMillis(200) : settings.pollInterval();
            return pause(wait);
        });
    }

    private Uni<Outcome> failed(Throwable failure) {
        iterator = null;
        if (failure instanceof ExpiredIteratorException) {
            Log.infof("stream %s shard %s: iterator expired, resuming after %s", settings.stream(), shardId,
                    lastDelivered);
            return Uni.createFrom().item(Outcome.CONTINUE);
        }
        failures++;
        Duration wait = backoff.delay(failures);
        if (failure instanceof ProvisionedThroughputExceededException) {
            Log.warnf("stream %s shard %s: read throttled, waiting %s", settings.stream(), shardId, wait);
        } else if (failure instanceof ReadAgainException) {
            // A listener dropped what it held (the lake lost a roll to another writer): read again now.
            restart = true;
            failures = 0;
            Log.info(failure.getMessage());
            return Uni.createFrom().item(Outcome.CONTINUE);
        } else {
            // Listeners may hold half a roll: restart them and the read from the last checkpoint.
            restart = true;
            Log.warnf(failure, "stream %s shard %s: read failed (%s), restarting from the checkpoint in %s",
                    settings.stream(), shardId, PutRecordsErrors.code(failure), wait);
        }
        return pause(wait).replaceWith(Outcome.CONTINUE);
    }

    private Uni<Void> each(Function<ShardListener, Uni<Void>> call) {
        return ShardListener.each(listeners, call);
    }

    private Uni<Void> pause(Duration wait) {
        return waits.pause(wait);
    }
}
