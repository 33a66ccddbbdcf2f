package io.socialpulse.stream.read;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.socialpulse.stream.Backoff;
import io.socialpulse.stream.PutRecordsErrors;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Reads one shard through enhanced fan-out: Kinesis pushes events over HTTP/2, one at a time as
 * the listeners finish the one before. A subscription lasts five minutes at most; the next starts
 * right after the last record delivered. The last event of a shard closed by a reshard names its
 * children and ends the read. A consumer deleted under us is registered again; a subscribe refused
 * for being too soon or too many waits and tries again; any other failure starts the listeners over
 * from their checkpoint, as the polling read does.
 */
final class ShardSubscription implements ShardRead {

    /** Longer than the five minutes Kinesis keeps a subscription open. */
    private static final Duration SUBSCRIPTION = Duration.ofMinutes(6);

    private final String shardId;
    private final ReaderSettings settings;
    private final KinesisAsyncClient client;
    private final List<ShardListener> listeners;
    private final ShardStart start;
    private final StreamConsumer consumer;
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
    private final ReadPause waits = new ReadPause();
    private volatile boolean stopping;
    private volatile long drainDeadline;
    private volatile long stopRequestedAt = Long.MAX_VALUE;
    private volatile boolean caughtUp;
    private volatile boolean ended;
    private volatile long millisBehind = -1;
    private volatile String lastDelivered;
    private boolean restart = true;
    private boolean fromOldest;
    private int failures;
    private String subscribedArn;
    private String startedAfter;
    private volatile boolean deliveredSinceStart;
    /** The subscription under way, ended early by a stop past its deadline. */
    private volatile SubscriptionEvents current;

    ShardSubscription(String shardId, ReaderSettings settings, KinesisAsyncClient client,
            List<ShardListener> listeners, ShardStart start, StreamConsumer consumer) {
        this.shardId = shardId;
        this.settings = settings;
        this.client = client;
        this.listeners = listeners;
        this.start = start;
        this.consumer = consumer;
    }

    @Override
    public Uni<Boolean> run() {
        return Multi.createBy().repeating().uni(this::step).until(o -> o != Outcome.CONTINUE)
                .collect().last()
                .replaceWith(() -> ended)
                .call(wasEnded -> wasEnded
                        ? each(l -> l.onShardEnd(shardId))
                        : each(l -> l.onStop(shardId)));
    }

    @Override
    public void stop(long deadlineNanos) {
        drainDeadline = deadlineNanos;
        stopRequestedAt = System.nanoTime();
        stopping = true;
        waits.stop();
        Infrastructure.getDefaultWorkerPool().schedule(() -> finish(Outcome.STOPPED),
                Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean caughtUp() {
        return caughtUp || ended;
    }

    @Override
    public long millisBehind() {
        return millisBehind;
    }

    @Override
    public long expiredCheckpoints() {
        return start.expiredCheckpoints();
    }

    private Uni<Outcome> step() {
        if (stopping && (caughtUp || System.nanoTime() > drainDeadline)) {
            return Uni.createFrom().item(Outcome.STOPPED);
        }
        Uni<Optional<String>> after = fromOldest
                ? Uni.createFrom().item(Optional.empty())
                : start.after(restart, lastDelivered);
        return after.chain(position -> consumer.arn().chain(arn -> subscribe(arn, position)))
                .onFailure().recoverWithUni(this::failed);
    }

    private Uni<Outcome> subscribe(String arn, Optional<String> after) {
        restart = false;
        fromOldest = false;
        lastDelivered = after.orElse(null);
        subscribedArn = arn;
        startedAfter = after.orElse(null);
        deliveredSinceStart = false;
        StartingPosition position = after
                .map(seq -> StartingPosition.builder().type(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(seq).build())
                .orElseGet(() -> StartingPosition.builder().type(start.fromNothing()).build());
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        SubscriptionEvents events = new SubscriptionEvents(result, this::deliver);
        current = events;
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .onError(events::onError)
                .subscriber(() -> events)
                .build();
        // A subscription lasts five minutes: the client's deadline for an ordinary call would cut it short.
        SubscribeToShardRequest request = SubscribeToShardRequest.builder().consumerARN(arn).shardId(shardId)
                .startingPosition(position)
                .overrideConfiguration(o -> o.apiCallTimeout(SUBSCRIPTION).apiCallAttemptTimeout(SUBSCRIPTION))
                .build();
        client.subscribeToShard(request, handler).whenComplete((done, failure) -> {
            if (failure != null) {
                events.onError(failure);
            } else {
                events.onComplete(); // the subscription's five minutes are over: subscribe again
            }
        });
        if (stopping && System.nanoTime() > drainDeadline) {
            finish(Outcome.STOPPED);
        }
        return Uni.createFrom().completionStage(result);
    }

    /** Ends the subscription under way with {@code end} once its listeners are done, unless it has ended. */
    private void finish(Outcome end) {
        SubscriptionEvents events = current;
        if (events != null) {
            events.end(end);
        }
    }

    private Uni<Outcome> failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (stopping && cause instanceof CancellationException) {
            return Uni.createFrom().item(Outcome.STOPPED);
        }
        failures++;
        Duration wait = backoff.delay(failures);
        if (cause instanceof ResourceInUseException || cause instanceof LimitExceededException) {
            // One subscribe a second per shard and consumer, one subscription at a time: wait and try again.
            wait = wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
            consumer.refused();
            Log.warnf("stream %s shard %s: subscribe refused (%s), trying again in %s", settings.stream(), shardId,
                    PutRecordsErrors.code(cause), wait);
        } else if (cause instanceof ResourceNotFoundException && subscribedArn != null) {
            consumer.lost(subscribedArn);
            Log.warnf("stream %s shard %s: consumer %s not found, subscribing again after %s", settings.stream(),
                    shardId, consumer.name(), lastDelivered);
        } else if (ShardStart.checkpointGone(cause) && startedAfter != null && !deliveredSinceStart) {
            start.skippedAhead(startedAfter);
            fromOldest = true;
            restart = false;
            return Uni.createFrom().item(Outcome.CONTINUE);
        } else if (cause instanceof ReadAgainException) {
            restart = true;
            failures = 0;
            Log.info(cause.getMessage());
            return Uni.createFrom().item(Outcome.CONTINUE);
        } else {
            // Listeners may hold half a roll: restart them and the read from the checkpoint.
            restart = true;
            Log.warnf(cause, "stream %s shard %s: subscription failed (%s), restarting from the checkpoint in %s",
                    settings.stream(), shardId, PutRecordsErrors.code(cause), wait);
        }
        return waits.pause(wait).replaceWith(Outcome.CONTINUE);
    }

    /** Hands one event's records to the listeners; says whether the subscription goes on. */
    private Uni<Outcome> deliver(SubscribeToShardEvent event) {
        long arrived = System.nanoTime();
        List<StreamRecord> records = RecordDecoder.decode(shardId, event.records());
        if (event.millisBehindLatest() != null) {
            millisBehind = event.millisBehindLatest();
        }
        Uni<Void> handed = records.isEmpty()
                ? each(l -> l.onIdle(shardId))
                : each(l -> l.onRecords(shardId, records));
        return handed.map(ignored -> {
            failures = 0;
            if (!records.isEmpty()) {
                lastDelivered = records.get(records.size() - 1).sequenceNumber();
                deliveredSinceStart = true;
            }
            // Only an event that came after the stop request proves the tail was read.
            caughtUp = records.isEmpty() && arrived > stopRequestedAt
                    && (event.millisBehindLatest() == null || event.millisBehindLatest() == 0);
            if (event.continuationSequenceNumber() == null
                    || event.hasChildShards() && !event.childShards().isEmpty()) {
                ended = true;
                return Outcome.ENDED;
            }
            return stopping && (caughtUp || System.nanoTime() > drainDeadline) ? Outcome.STOPPED : Outcome.CONTINUE;
        });
    }

    private Uni<Void> each(Function<ShardListener, Uni<Void>> call) {
        return ShardListener.each(listeners, call);
    }
}
