package io.socialpulse.lake;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.read.StreamRecord;

/**
 * Writes one shard into the lake, exactly once. A roll is committed in three steps: its manifest,
 * then its objects (conditional creates, so a repeat is harmless), then the shard's checkpoint.
 * A crash between them leaves a manifest past the checkpoint; the next start reads the shard from
 * the checkpoint again and cuts the roll at the manifest's last sequence number, which rebuilds
 * the very same objects. Every (shard, sequence number) therefore ends up in exactly one object.
 */
final class ShardWriter {

    private final String shardId;
    private final LakeLayout layout;
    private final ObjectStore store;
    private final RollPolicy policy;
    private final Clock clock;
    private final ObjectMapper json;
    private final LakeStats stats;
    private final PostIdWindow seen;
    private final ShardRecovery recovery;
    private final RollObjects objectWrites;
    private Roll roll;
    private Manifest pending;

    ShardWriter(String shardId, LakeLayout layout, ObjectStore store, RollPolicy policy, Clock clock, ObjectMapper json,
            LakeStats stats, PostIdWindow seen) {
        this.shardId = shardId;
        this.layout = layout;
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.json = json;
        this.stats = stats;
        this.seen = seen;
        this.recovery = new ShardRecovery(shardId, layout, store, json, seen);
        this.objectWrites = new RollObjects(shardId, layout, store, json, stats);
    }

    /** Drops whatever is held and finds where to resume: after the checkpoint, finishing a pending roll first. */
    Uni<Optional<String>> restart() {
        List<ObjectStore.Upload> dropped = roll == null ? List.of() : roll.uploads();
        roll = null;
        pending = null;
        return recovery.resume(dropped).map(position -> {
            pending = position.pending().orElse(null);
            return position.after();
        });
    }

    private Uni<Void> abortUploadsOf(List<LakeObject> objects) {
        return recovery.abort(objects.stream().map(LakeObject::upload).filter(Objects::nonNull).toList());
    }

    Uni<Void> accept(List<StreamRecord> records) {
        return acceptFrom(records, 0).chain(this::rollIfDue);
    }

    /**
     * Adds the records from {@code from} on: in a plain loop while a record needs no call to S3,
     * and through the calls it needs (a cut, a dead letter, a full part) where one does.
     */
    private Uni<Void> acceptFrom(List<StreamRecord> records, int from) {
        for (int i = from; i < records.size(); i++) {
            StreamRecord record = records.get(i);
            int next = i + 1;
            if (replayCut(record) || record.isPoison()) {
                return add(record).chain(() -> acceptFrom(records, next));
            }
            place(record);
            if (roll.hasFullPart() || cutDue(record)) {
                return afterPlacing(record).chain(() -> acceptFrom(records, next));
            }
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> add(StreamRecord record) {
        Uni<Void> before = replayCut(record) ? commit("replay") : Uni.createFrom().voidItem();
        Uni<Void> deadLetter = record.isPoison() ? objectWrites.deadLetter(record) : Uni.createFrom().voidItem();
        return before.chain(() -> deadLetter).chain(() -> {
            place(record);
            return afterPlacing(record);
        });
    }

    /** The manifest's last record is gone (trimmed): the replayed roll is cut before this record. */
    private boolean replayCut(StreamRecord record) {
        return pending != null && roll != null
                && StreamRecord.compareSequence(record.sequenceNumber(), pending.lastSequence()) > 0;
    }

    private void place(StreamRecord record) {
        if (roll == null) {
            roll = new Roll(layout, shardId, clock.instant(), policy.partBytes());
        }
        if (record.isPoison() || seen.admit(record.post().id())) {
            roll.add(record);
        } else {
            // Kinesis holds this post twice (a request resent after its answer was lost).
            stats.duplicate();
            roll.pass(record);
        }
    }

    private Uni<Void> afterPlacing(StreamRecord record) {
        Uni<Void> owned = pending == null && roll.hasFullPart() && !roll.sending()
                ? ownRange()
                : Uni.createFrom().voidItem();
        return owned.chain(() -> roll.sendFullParts(store, pending != null)).chain(() -> cutIfDue(record));
    }

    /**
     * Before a roll sends its first part: if another writer has a manifest for this roll's first
     * record, the range is theirs. Starting an upload on a key they may be writing would cost
     * parts for nothing (and S3Mock's abort deletes the object under the key).
     */
    private Uni<Void> ownRange() {
        String manifestKey = layout.manifestKey(shardId, roll.firstSequence());
        return store.exists(manifestKey).chain(taken -> {
            if (!taken) {
                return Uni.createFrom().voidItem();
            }
            stats.rollLost();
            return Uni.createFrom().failure(new RollTakenException(layout.stream(), shardId, manifestKey));
        });
    }

    /** A roll ends only after the last post of a Kinesis record (an aggregate holds many). */
    private boolean cutDue(StreamRecord record) {
        return record.last() && (pending != null
                ? record.sequenceNumber().equals(pending.lastSequence())
                : roll.compressedBytes() >= policy.maxCompressedBytes());
    }

    private Uni<Void> cutIfDue(StreamRecord record) {
        return cutDue(record) ? commit(pending != null ? "replay" : "size") : Uni.createFrom().voidItem();
    }

    /** Compressed bytes the open roll holds in memory (what is not yet sent as parts). */
    long heldBytes() {
        return roll == null ? 0 : roll.heldBytes();
    }

    /** Rolls on age; called after every read, so an idle shard still flushes on time. */
    Uni<Void> rollIfDue() {
        if (roll == null || pending != null) {
            return Uni.createFrom().voidItem();
        }
        return policy.reason(roll, clock.instant()).map(this::commit).orElse(Uni.createFrom().voidItem());
    }

    /** Writes what is held, whatever its size or age: at shutdown and at the end of a shard. */
    Uni<Void> flush(String reason) {
        if (roll == null || pending != null) {
            // A pending replay that did not reach its boundary stays pending; the next start finishes it.
            return Uni.createFrom().voidItem();
        }
        return commit(reason);
    }

    private Uni<Void> commit(String reason) {
        Roll closing = roll;
        roll = null;
        List<LakeObject> objects = closing.finish();
        Manifest manifest = pending != null
                ? pending
                : new Manifest(layout.stream(), shardId, closing.firstSequence(), closing.lastSequence(),
                        closing.records(), objects.stream().map(LakeObject::key).toList(), clock.instant());
        boolean replay = pending != null;
        pending = null;
        String manifestKey = layout.manifestKey(shardId, manifest.firstSequence());
        seen.committed(manifestKey, manifest.createdAt());
        Checkpoint checkpoint = new Checkpoint(layout.stream(), shardId, closing.lastSequence(), manifestKey,
                "shard-end".equals(reason), clock.instant(), seen.manifests());
        Uni<Void> intent = replay || objects.isEmpty()
                ? Uni.createFrom().voidItem()
                : claim(manifestKey, manifest);
        // A replay writes only what its manifest names: the writer that cut the roll may have
        // dropped other duplicates than this one's window does.
        List<LakeObject> writing = replay
                ? objects.stream().filter(o -> manifest.objects().contains(o.key())).toList()
                : objects;
        List<LakeObject> unnamed = objects.stream().filter(o -> !writing.contains(o)).toList();
        return intent
                .onFailure(RollTakenException.class).call(() -> abortUploadsOf(objects))
                .chain(() -> abortUploadsOf(unnamed))
                .chain(() -> Multi.createFrom().iterable(writing)
                        .onItem().transformToUniAndMerge(objectWrites::create)
                        .collect().asList())
                .chain(() -> store.put(layout.checkpointKey(shardId), write(checkpoint), "application/json"))
                .invoke(() -> {
                    stats.rolled(reason, objects);
                    Log.debugf("stream %s shard %s: rolled %d records into %d objects (%s), checkpoint %s",
                            layout.stream(), shardId, closing.records(), objects.size(), reason,
                            closing.lastSequence());
                });
    }

    /**
     * Creates the roll's manifest unless one exists for the same first sequence number. One that
     * exists is ours if it ends where ours does (an earlier attempt whose answer was lost);
     * otherwise another writer of this shard (a rolling deploy) committed the range first, and
     * this roll is dropped: the reader restarts from the checkpoint and follows that manifest.
     */
    private Uni<Void> claim(String manifestKey, Manifest manifest) {
        return store.create(manifestKey, write(manifest), "application/json", null, Map.of()).chain(created -> {
            if (created) {
                return Uni.createFrom().voidItem();
            }
            return recovery.manifest(manifestKey).chain(found -> {
                Manifest existing = found.orElse(null);
                if (existing != null && existing.lastSequence().equals(manifest.lastSequence())
                        && existing.objects().equals(manifest.objects())) {
                    return Uni.createFrom().voidItem();
                }
                stats.rollLost();
                return Uni.createFrom().failure(new RollTakenException(layout.stream(), shardId, manifestKey));
            });
        });
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
