package io.socialpulse.lake;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.socialpulse.stream.StreamRecord;

/**
 * Writes one shard into the lake, exactly once. A roll is committed in three steps: its manifest,
 * then its objects (conditional creates, so a repeat is harmless), then the shard's checkpoint.
 * A crash between them leaves a manifest past the checkpoint; the next start reads the shard from
 * the checkpoint again and cuts the roll at the manifest's last sequence number, which rebuilds
 * the very same objects. Every (shard, sequence number) therefore ends up in exactly one object.
 */
final class ShardWriter {

    private static final int REMEMBER_CONCURRENCY = 8;

    private final String shardId;
    private final LakeLayout layout;
    private final LakeStore store;
    private final RollPolicy policy;
    private final Clock clock;
    private final ObjectMapper json;
    private final LakeStats stats;
    private final PostIdWindow seen;
    private Roll roll;
    private Manifest pending;

    ShardWriter(String shardId, LakeLayout layout, LakeStore store, RollPolicy policy, Clock clock, ObjectMapper json,
            LakeStats stats, PostIdWindow seen) {
        this.shardId = shardId;
        this.layout = layout;
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.json = json;
        this.stats = stats;
        this.seen = seen;
    }

    /** Drops whatever is held and finds where to resume: after the checkpoint, finishing a pending roll first. */
    Uni<Optional<String>> restart() {
        List<LakeStore.Upload> dropped = roll == null ? List.of() : roll.uploads();
        roll = null;
        pending = null;
        seen.clear();
        return abortUploads(dropped).chain(this::abortOrphans)
                .chain(() -> store.get(layout.checkpointKey(shardId))
                        .map(bytes -> bytes.map(b -> read(b, Checkpoint.class)))
                        .call(checkpoint -> remember(checkpoint.map(Checkpoint::recentManifests).orElse(List.of())))
                        .chain(checkpoint -> {
                            String after = checkpoint.map(Checkpoint::lastSequence).orElse(null);
                            String from = after == null ? null : layout.manifestKey(shardId, after);
                            return store.list(layout.manifestPrefix(shardId), from).chain(keys -> keys.isEmpty()
                                    ? Uni.createFrom().item(Optional.<Manifest>empty())
                                    : store.get(keys.get(0)).map(b -> b.map(bytes -> read(bytes, Manifest.class))))
                                    .map(manifest -> {
                                        pending = manifest.orElse(null);
                                        if (pending != null) {
                                            Log.infof(
                                                    "stream %s shard %s: finishing the roll of manifest %s..%s after a restart",
                                                    layout.stream(), shardId, pending.firstSequence(),
                                                    pending.lastSequence());
                                        }
                                        return Optional.ofNullable(after);
                                    });
                        }));
    }

    /**
     * Aborts the multipart uploads of this shard's objects left by a writer that died mid-roll, so
     * no parts linger (and cost) in the bucket. A writer running at the same time (a rolling deploy)
     * that loses an upload this way fails its commit and reads the shard again: nothing is lost.
     */
    private Uni<Void> abortOrphans() {
        String marker = "/" + shardId + "-";
        return store.uploads(layout.postsPrefix())
                .map(uploads -> uploads.stream().filter(u -> u.key().contains(marker)).toList())
                .call(orphans -> {
                    if (!orphans.isEmpty()) {
                        Log.infof("stream %s shard %s: aborting %d multipart uploads an earlier writer left",
                                layout.stream(), shardId, orphans.size());
                    }
                    return abortUploads(orphans);
                }).replaceWithVoid();
    }

    private Uni<Void> abortUploads(List<LakeStore.Upload> uploads) {
        return Multi.createFrom().iterable(uploads).onItem().transformToUniAndConcatenate(store::abort)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> abortUploadsOf(List<LakeObject> objects) {
        return abortUploads(objects.stream().map(LakeObject::upload).filter(java.util.Objects::nonNull).toList());
    }

    /**
     * Reads the post ids of the rolls a checkpoint names back into the window, oldest roll first;
     * the manifests and objects are fetched a few at a time, so a restart does not wait for them
     * one by one.
     */
    private Uni<Void> remember(List<String> manifests) {
        return Multi.createFrom().iterable(manifests)
                .onItem().transformToUni(key -> store.get(key).chain(bytes -> {
                    if (bytes.isEmpty()) {
                        return Uni.createFrom().item(Optional.<Remembered>empty());
                    }
                    Manifest manifest = read(bytes.get(), Manifest.class);
                    return Multi.createFrom().iterable(manifest.objects())
                            .onItem().transformToUni(object -> store.get(object)
                                    .map(body -> body.map(this::postIds).orElse(List.of())))
                            .merge(REMEMBER_CONCURRENCY)
                            .collect().in(ArrayList<String>::new, List::addAll)
                            .map(ids -> Optional.of(new Remembered(key, manifest.createdAt(), ids)));
                }))
                .merge(REMEMBER_CONCURRENCY)
                .collect().asList()
                .invoke(found -> {
                    // The window drops its oldest rolls first: hand them over in the checkpoint's order.
                    found.stream().flatMap(Optional::stream)
                            .sorted(java.util.Comparator.comparingInt(r -> manifests.indexOf(r.manifest())))
                            .forEach(r -> seen.add(r.manifest(), r.createdAt(), r.ids()));
                    if (!manifests.isEmpty()) {
                        Log.debugf("stream %s shard %s: remembering %d post ids of %d rolls", layout.stream(),
                                shardId, seen.size(), manifests.size());
                    }
                }).replaceWithVoid();
    }

    private record Remembered(String manifest, java.time.Instant createdAt, List<String> ids) {
    }

    private List<String> postIds(byte[] gzipped) {
        List<String> ids = new ArrayList<>();
        try (var lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new ByteArrayInputStream(gzipped)),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null;) {
                if (!line.isBlank()) {
                    ids.add(json.readTree(line).path("id").asText());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable lake object of shard " + shardId, e);
        }
        return ids;
    }

    Uni<Void> accept(List<StreamRecord> records) {
        return Multi.createFrom().iterable(records).onItem().transformToUniAndConcatenate(this::add)
                .collect().last().chain(ignored -> rollIfDue()).replaceWithVoid();
    }

    private Uni<Void> add(StreamRecord record) {
        Uni<Void> before = Uni.createFrom().voidItem();
        if (pending != null && roll != null && StreamRecord.compareSequence(record.sequenceNumber(),
                pending.lastSequence()) > 0) {
            before = commit("replay"); // the manifest's last record is gone (trimmed): cut here
        }
        Uni<Void> deadLetter = record.isPoison() ? deadLetter(record) : Uni.createFrom().voidItem();
        return before.chain(() -> deadLetter).chain(() -> {
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
            Uni<Void> owned = pending == null && roll.hasFullPart() && !roll.sending()
                    ? ownRange()
                    : Uni.createFrom().voidItem();
            return owned.chain(() -> roll.sendFullParts(store, pending != null)).chain(() -> cutIfDue(record));
        });
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

    private Uni<Void> cutIfDue(StreamRecord record) {
        // A roll ends only after the last post of a Kinesis record (an aggregate holds many).
        if (pending != null && record.last() && record.sequenceNumber().equals(pending.lastSequence())) {
            return commit("replay");
        }
        return pending == null && record.last() && roll.compressedBytes() >= policy.maxCompressedBytes()
                ? commit("size")
                : Uni.createFrom().voidItem();
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
                        .onItem().transformToUniAndMerge(this::create)
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
            return store.get(manifestKey).chain(bytes -> {
                Manifest existing = bytes.map(b -> read(b, Manifest.class)).orElse(null);
                if (existing != null && existing.lastSequence().equals(manifest.lastSequence())
                        && existing.objects().equals(manifest.objects())) {
                    return Uni.createFrom().voidItem();
                }
                stats.rollLost();
                return Uni.createFrom().failure(new RollTakenException(layout.stream(), shardId, manifestKey));
            });
        });
    }

    private Uni<Void> create(LakeObject object) {
        Uni<Boolean> write = object.existing()
                ? Uni.createFrom().item(false)
                : object.upload() == null
                        ? store.create(object.key(), object.body(), LakeObject.CONTENT_TYPE, "gzip", object.metadata())
                        : store.uploadPart(object.upload(), object.etags().size() + 1, object.body())
                                .chain(etag -> {
                                    List<String> etags = new ArrayList<>(object.etags());
                                    etags.add(etag);
                                    return store.complete(object.upload(), etags);
                                });
        return write
                .invoke(created -> {
                    if (!created) {
                        Log.infof("stream %s shard %s: %s was already written", layout.stream(), shardId, object.key());
                    }
                }).replaceWithVoid();
    }

    private Uni<Void> deadLetter(StreamRecord record) {
        stats.poison();
        Log.warnf("stream %s shard %s: record %s is not a post (%s); stored as a dead letter", layout.stream(), shardId,
                record.sequenceNumber(), record.error());
        String name = layout.stream() + "/" + shardId + "/" + record.sequenceNumber()
                + (record.subSequence() > 0 || !record.last() ? "-" + record.subSequence() : "");
        byte[] body = write(DeadLetter.of("record", name, record.error(), record.data()));
        return store.create(layout.deadLetterKey("records", name), body, "application/json", null, Map.of())
                .replaceWithVoid();
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(byte[] bytes, Class<T> type) {
        try {
            return json.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " for shard " + shardId, e);
        }
    }
}
