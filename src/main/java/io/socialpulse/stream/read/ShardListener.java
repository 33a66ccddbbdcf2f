package io.socialpulse.stream.read;

import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * Receives what the reader reads, shard by shard. Calls for one shard never overlap, and the
 * reader reads no further until the returned stage completes, so a slow listener slows its shard
 * instead of piling records up in memory.
 */
public interface ShardListener {

    /** False when this process does not run the role behind the listener. */
    default boolean enabled() {
        return true;
    }

    Uni<Void> onRecords(String shardId, List<StreamRecord> records);

    /** A read returned nothing; lets time-based work (rolling on age) happen on a quiet shard. */
    default Uni<Void> onIdle(String shardId) {
        return Uni.createFrom().voidItem();
    }

    /** The shard was closed by a reshard and has been read to its end. */
    default Uni<Void> onShardEnd(String shardId) {
        return onStop(shardId);
    }

    /** The reader stops reading the shard (shutdown): finish and commit what is held. */
    default Uni<Void> onStop(String shardId) {
        return Uni.createFrom().voidItem();
    }

    /** Calls {@code call} on each listener in turn, the next once the one before has finished. */
    static Uni<Void> each(List<ShardListener> listeners, Function<ShardListener, Uni<Void>> call) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ShardListener listener : listeners) {
            chain = chain.chain(() -> call.apply(listener));
        }
        return chain;
    }
}
