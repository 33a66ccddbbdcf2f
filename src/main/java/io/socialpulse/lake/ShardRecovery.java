package io.socialpulse.lake;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.socialpulse.store.ObjectStore;

/**
 * Where a shard's writer resumes after a start or a restart: after its checkpoint, with the first
 * manifest past it still to finish, the post ids of its recent rolls back in the dedup window, and
 * no multipart upload of its left behind.
 */
final class ShardRecovery {

    private static final int REMEMBER_CONCURRENCY = 8;

    /** The sequence number to read after, and the roll a crash left between manifest and checkpoint. */
    record Position(Optional<String> after, Optional<Manifest> pending) {
    }

    private final String shardId;
    private final LakeLayout layout;
    private final ObjectStore store;
    private final ObjectMapper json;
    private final PostIdWindow seen;

    ShardRecovery(String shardId, LakeLayout layout, ObjectStore store, ObjectMapper json, PostIdWindow seen) {
        this.shardId = shardId;
        this.layout = layout;
        this.store = store;
        this.json = json;
        this.seen = seen;
    }

    /**
     * Aborts {@code dropped} (the uploads of a roll given up) and any other upload of the shard,
     * then reads the checkpoint, the rolls it names and the first manifest past it.
     */
    Uni<Position> resume(List<ObjectStore.Upload> dropped) {
        seen.clear();
        return abort(dropped).chain(this::abortOrphans)
                .chain(() -> store.get(layout.checkpointKey(shardId)))
                .map(bytes -> bytes.map(b -> read(b, Checkpoint.class)))
                .call(checkpoint -> remember(checkpoint.map(Checkpoint::recentManifests).orElse(List.of())))
                .chain(checkpoint -> pendingAfter(checkpoint.map(Checkpoint::lastSequence)));
    }

    private Uni<Position> pendingAfter(Optional<String> after) {
        String from = after.map(seq -> layout.manifestKey(shardId, seq)).orElse(null);
        return store.list(layout.manifestPrefix(shardId), from)
                .chain(keys -> keys.isEmpty()
                        ? Uni.createFrom().item(Optional.<Manifest>empty())
                        : manifest(keys.get(0)))
                .map(manifest -> {
                    manifest.ifPresent(m -> Log.infof(
                            "stream %s shard %s: finishing the roll of manifest %s..%s after a restart",
                            layout.stream(), shardId, m.firstSequence(), m.lastSequence()));
                    return new Position(after, manifest);
                });
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
                    return abort(orphans);
                }).replaceWithVoid();
    }

    Uni<Void> abort(List<ObjectStore.Upload> uploads) {
        return Multi.createFrom().iterable(uploads).onItem().transformToUniAndConcatenate(store::abort)
                .collect().last().replaceWithVoid();
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
                            .sorted(Comparator.comparingInt(r -> manifests.indexOf(r.manifest())))
                            .forEach(r -> seen.add(r.manifest(), r.createdAt(), r.ids()));
                    if (!manifests.isEmpty()) {
                        Log.debugf("stream %s shard %s: remembering %d post ids of %d rolls", layout.stream(),
                                shardId, seen.size(), manifests.size());
                    }
                }).replaceWithVoid();
    }

    private record Remembered(String manifest, Instant createdAt, List<String> ids) {
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

    /** The manifest stored under {@code key}, if there is one. */
    Uni<Optional<Manifest>> manifest(String key) {
        return store.get(key).map(bytes -> bytes.map(b -> read(b, Manifest.class)));
    }

    private <T> T read(byte[] bytes, Class<T> type) {
        try {
            return json.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " for shard " + shardId, e);
        }
    }
}
