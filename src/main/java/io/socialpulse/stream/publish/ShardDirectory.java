package io.socialpulse.stream.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.stream.PutRecordsErrors;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The publisher's view of the stream: its open shards with their hash ranges, and its size limits.
 * Read at start, again every {@code refresh}, and at once when a record lands on a shard other
 * than the one predicted (the stream was resharded).
 */
final class ShardDirectory {

    private static final Duration AFTER_FAILURE = Duration.ofSeconds(5);

    private final KinesisAsyncClient client;
    private final String stream;
    private final Duration every;
    private final Consumer<ShardMap> changed;
    private volatile ShardMap map = ShardMap.EMPTY;
    private volatile Limits limits = Limits.DEFAULT;
    private boolean refreshing;
    private boolean ready;
    private long next;

    ShardDirectory(KinesisAsyncClient client, String stream, Duration every, Consumer<ShardMap> changed) {
        this.client = client;
        this.stream = stream;
        this.every = every;
        this.changed = changed;
    }

    ShardMap map() {
        return map;
    }

    Limits limits() {
        return limits;
    }

    /** Whether the first reading is done (or failed): until then nothing is sent, so limits are known. */
    synchronized boolean ready() {
        return ready;
    }

    /** True (once) when a refresh is due; the caller then runs {@link #refresh}. */
    synchronized boolean due(long now) {
        if (refreshing || now < next) {
            return false;
        }
        refreshing = true;
        return true;
    }

    synchronized void landedOn(String predicted, String actual) {
        if (actual != null && !map.isEmpty() && !actual.equals(predicted)) {
            next = 0;
        }
    }

    Uni<Void> refresh() {
        Uni<Limits> described = Uni.createFrom()
                .completionStage(() -> client.describeStreamSummary(r -> r.streamName(stream)))
                .map(r -> Limits.of(r.streamDescriptionSummary().maxRecordSizeInKiB()));
        return described.chain(l -> list(null, new ArrayList<>()).map(shards -> {
            apply(ShardMap.of(shards), l);
            return (Void) null;
        })).onFailure().recoverWithItem(failure -> {
            Log.warnf("stream %s: cannot read the shard list (%s); sending without per-shard limits for now", stream,
                    PutRecordsErrors.code(failure));
            synchronized (this) {
                refreshing = false;
                ready = true;
                next = System.nanoTime() + AFTER_FAILURE.toNanos();
            }
            return null;
        });
    }

    private Uni<List<Shard>> list(String token, List<Shard> into) {
        Uni<ListShardsResponse> page = Uni.createFrom().completionStage(() -> token == null
                ? client.listShards(r -> r.streamName(stream))
                : client.listShards(r -> r.nextToken(token)));
        return page.chain(response -> {
            into.addAll(response.shards());
            return response.nextToken() == null ? Uni.createFrom().item(into) : list(response.nextToken(), into);
        });
    }

    private void apply(ShardMap fresh, Limits fresher) {
        boolean reshaped = !fresh.shardIds().equals(map.shardIds());
        map = fresh;
        limits = fresher;
        if (reshaped) {
            Log.infof("stream %s: %d open shards, records up to %d bytes", stream, fresh.shardIds().size(),
                    fresher.recordBytes());
            changed.accept(fresh);
        }
        synchronized (this) {
            refreshing = false;
            ready = true;
            next = System.nanoTime() + every.toNanos();
        }
    }
}
