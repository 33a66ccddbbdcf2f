package io.socialpulse.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.store.ObjectStore.Versioned;

/**
 * The lease objects of one stream: {@code shards/<shard id>.json} (who holds the shard, until when,
 * and whether it was read to its end) and {@code owners/<process>.json} (until when a lake process
 * says it is alive).
 */
final class LeaseRecords {

    /** A shard's lease: held by {@code owner} until {@code until} (epoch millis; 0: given up). */
    record Lease(String owner, long until, boolean ended) {
    }

    private record Alive(long until) {
    }

    /** An owner's object not written for this long is not read at all: its process is long gone. */
    private static final Duration STALE = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final String prefix;

    LeaseRecords(ObjectStore store, String prefix) {
        this.store = store;
        this.prefix = prefix;
    }

    Uni<Void> alive(String owner, long until) {
        return store.put(prefix + "owners/" + owner + ".json", encode(new Alive(until)), "application/json");
    }

    /** The processes alive at {@code now}, by their own word. */
    Uni<List<String>> owners(long now) {
        Instant recent = Instant.ofEpochMilli(now).minus(STALE);
        return store.listed(prefix + "owners/").chain(listed -> Multi.createFrom()
                .iterable(listed.stream().filter(l -> l.modified() == null || l.modified().isAfter(recent)).toList())
                .onItem().transformToUniAndConcatenate(l -> store.get(l.key()).map(body -> body
                        .filter(b -> decode(b, Alive.class).until() > now)
                        .map(b -> l.key().substring(l.key().lastIndexOf('/') + 1).replaceAll("\\.json$", ""))))
                .filter(Optional::isPresent).map(Optional::get)
                .collect().asList());
    }

    /** The lease of each shard, with its version, or empty where there is none yet; read all at once. */
    Uni<Map<String, Optional<Versioned>>> leases(List<String> shardIds) {
        return Multi.createFrom().iterable(shardIds)
                .onItem().transformToUniAndMerge(id -> store.getVersioned(key(id)).map(v -> Map.entry(id, v)))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(TreeMap::new);
    }

    /** Writes {@code lease} over the version {@code etag} (null: none yet); its new version, or empty if beaten. */
    Uni<Optional<String>> write(String shardId, String etag, Lease lease) {
        return store.replace(key(shardId), encode(lease), "application/json", etag);
    }

    static Lease decode(Versioned version) {
        return decode(version.body(), Lease.class);
    }

    private String key(String shardId) {
        return prefix + "shards/" + shardId + ".json";
    }

    private static byte[] encode(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T decode(byte[] body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("an unreadable lease object", e);
        }
    }
}
