package io.socialpulse.stream.read;

import java.util.Optional;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Where a read of one shard begins: after the checkpoint when the listeners start over, right after
 * the last record delivered when only the iterator was lost, and with neither, from the oldest
 * record (a reader with checkpoints) or the tip (one without). A checkpoint that has left the stream
 * is the one loss accepted, and never silently: it is logged as an error and counted.
 */
final class ShardStart {

    /** An iterator, and the sequence number it reads after (null: none). */
    record Opened(String iterator, String after) {
    }

    private final String shardId;
    private final ReaderSettings settings;
    private final KinesisAsyncClient client;
    private final Optional<CheckpointSource> checkpoints;
    private volatile long expiredCheckpoints;

    ShardStart(String shardId, ReaderSettings settings, KinesisAsyncClient client,
            Optional<CheckpointSource> checkpoints) {
        this.shardId = shardId;
        this.settings = settings;
        this.client = client;
        this.checkpoints = checkpoints;
    }

    /** An iterator after the checkpoint ({@code fromCheckpoint}) or after {@code lastDelivered}. */
    Uni<Opened> open(boolean fromCheckpoint, String lastDelivered) {
        return after(fromCheckpoint, lastDelivered).chain(after -> {
            GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder()
                    .streamName(settings.stream()).shardId(shardId);
            if (after.isPresent()) {
                request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(after.get());
            } else {
                request.shardIteratorType(fromNothing());
            }
            return iterator(request.build(), after.orElse(null))
                    .onFailure(f -> after.isPresent() && checkpointGone(f)).recoverWithUni(failure -> {
                        skippedAhead(after.get());
                        return iterator(request.shardIteratorType(ShardIteratorType.TRIM_HORIZON)
                                .startingSequenceNumber(null).build(), null);
                    });
        });
    }

    /** The sequence number to read after: the checkpoint's ({@code fromCheckpoint}) or {@code lastDelivered}. */
    Uni<Optional<String>> after(boolean fromCheckpoint, String lastDelivered) {
        Uni<Optional<String>> position = fromCheckpoint
                ? checkpoints.map(c -> c.startAfter(shardId)).orElse(Uni.createFrom().item(Optional.empty()))
                : Uni.createFrom().item(Optional.ofNullable(lastDelivered));
        return position.invoke(after -> {
            if (fromCheckpoint) {
                Log.infof("stream %s shard %s: reading %s", settings.stream(), shardId,
                        after.map(seq -> "after sequence number " + seq).orElse(checkpoints.isPresent()
                                ? "from the oldest record"
                                : "from the tip"));
            }
        });
    }

    /** Where a read with no sequence number begins: the oldest record with checkpoints, else the tip. */
    ShardIteratorType fromNothing() {
        return checkpoints.isPresent() ? ShardIteratorType.TRIM_HORIZON : ShardIteratorType.LATEST;
    }

    /**
     * The checkpoint's sequence number {@code after} has left the stream: the only loss accepted,
     * and never silently, for the records between it and the oldest one still there are gone.
     */
    void skippedAhead(String after) {
        expiredCheckpoints++;
        Log.errorf("stream %s shard %s: the checkpoint's sequence number %s is no longer in the stream"
                + " (older than its retention, or the stream was re-created); reading from the oldest"
                + " record, anything in between is missing from the lake", settings.stream(), shardId, after);
    }

    /** How often this shard had to skip ahead because its checkpoint had left the stream. */
    long expiredCheckpoints() {
        return expiredCheckpoints;
    }

    private Uni<Opened> iterator(GetShardIteratorRequest request, String after) {
        return Uni.createFrom().completionStage(() -> client.getShardIterator(request))
                .map(response -> new Opened(response.shardIterator(), after));
    }

    /** Whether {@code failure} says a starting sequence number is not (or no longer) in the stream. */
    static boolean checkpointGone(Throwable failure) {
        return failure instanceof ResourceNotFoundException || failure instanceof InvalidArgumentException;
    }
}
