package io.socialpulse.stream.read;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.stream.PutRecordsErrors;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;

/**
 * This process's enhanced fan-out consumer of the stream: registered on first use under its name
 * (an existing one of that name is taken over), used once Kinesis reports it ACTIVE, registered
 * again if it disappears while in use, and deregistered at a clean stop when it belongs to this
 * task alone. Each consumer has its own 2 MB/s per shard, so trend tasks never share the five
 * GetRecords calls a second a shard allows.
 */
final class StreamConsumer {

    /** How long a consumer may take to become ACTIVE before the subscription fails and is tried again. */
    static final Duration ACTIVE_WITHIN = Duration.ofSeconds(60);

    private final KinesisAsyncClient client;
    private final String stream;
    private final String name;
    private final boolean ownedByTask;
    private final LongAdder refusals = new LongAdder();
    private volatile String arn;
    /** The registration under way, shared by every shard that asks meanwhile. */
    private Uni<String> registering;

    StreamConsumer(KinesisAsyncClient client, String stream, String name, boolean ownedByTask) {
        this.client = client;
        this.stream = stream;
        this.name = name;
        this.ownedByTask = ownedByTask;
    }

    String name() {
        return name;
    }

    /** The consumer's ARN once it is ACTIVE, registering it first if needed. */
    synchronized Uni<String> arn() {
        String known = arn;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        if (registering == null) {
            registering = register().onFailure().invoke(this::registrationFailed).memoize().indefinitely();
        }
        return registering;
    }

    private synchronized void registrationFailed(Throwable failure) {
        registering = null; // the next shard to ask tries again
    }

    private Uni<String> register() {
        return Uni.createFrom().completionStage(() -> client.describeStreamSummary(r -> r.streamName(stream)))
                .map(summary -> summary.streamDescriptionSummary().streamARN())
                .chain(streamArn -> Uni.createFrom()
                        .completionStage(() -> client.registerStreamConsumer(r -> r.streamARN(streamArn)
                                .consumerName(name)))
                        .map(registered -> registered.consumer().consumerARN())
                        .onFailure(ResourceInUseException.class).recoverWithUni(taken -> Uni.createFrom()
                                .completionStage(() -> client.describeStreamConsumer(r -> r.streamARN(streamArn)
                                        .consumerName(name)))
                                .map(described -> described.consumerDescription().consumerARN())))
                .chain(this::active)
                .invoke(active -> {
                    arn = active;
                    Log.infof("stream %s: reading through enhanced fan-out as consumer %s", stream, name);
                });
    }

    /** Forgets the ARN: the consumer was deleted under us, and the next {@link #arn()} registers it again. */
    synchronized void lost(String lostArn) {
        if (lostArn != null && lostArn.equals(arn)) {
            arn = null;
            registering = null;
            Log.warnf("stream %s: consumer %s is gone; registering it again", stream, name);
        }
    }

    /** Counts a subscribe refused because another subscription holds the shard or one came too soon. */
    void refused() {
        refusals.increment();
    }

    long refusals() {
        return refusals.sum();
    }

    /** Deregisters the consumer if it belongs to this task alone; a failure is logged, never thrown. */
    Uni<Void> release() {
        String known = arn;
        if (!ownedByTask || known == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(() -> client.deregisterStreamConsumer(r -> r.consumerARN(known)))
                .invoke(() -> Log.infof("stream %s: consumer %s deregistered", stream, name))
                .replaceWithVoid()
                .onFailure().recoverWithUni(f -> {
                    Log.warnf("stream %s: deregistering consumer %s failed (%s); Kinesis keeps it until it is"
                            + " deregistered", stream, name, PutRecordsErrors.code(f));
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<String> active(String consumerArn) {
        return Uni.createFrom().completionStage(() -> client.describeStreamConsumer(r -> r.consumerARN(consumerArn)))
                .map(described -> described.consumerDescription().consumerStatus())
                .onItem().transformToUni(status -> status == ConsumerStatus.ACTIVE
                        ? Uni.createFrom().item(consumerArn)
                        : Uni.createFrom().<String>failure(new IllegalStateException("consumer " + name + " is "
                                + status)))
                .onFailure(IllegalStateException.class).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .expireIn(ACTIVE_WITHIN.toMillis());
    }
}
