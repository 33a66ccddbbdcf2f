package io.socialpulse.source.kit;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.socialpulse.store.ObjectStore;

/** Cursors as objects under {@code <prefix>/_cursors/sources/} in the lake bucket. */
public final class S3CursorStore implements CursorStore {

    private final ObjectStore store;
    private final String prefix;

    public S3CursorStore(ObjectStore store, String prefix) {
        this.store = store;
        this.prefix = prefix.isEmpty() ? "_cursors/sources/" : prefix + "/_cursors/sources/";
    }

    @Override
    public Uni<Optional<String>> load(String key) {
        return store.get(prefix + key + ".json").map(bytes -> bytes.map(b -> new String(b, StandardCharsets.UTF_8)));
    }

    @Override
    public Uni<Void> save(String key, String cursor) {
        return store.put(prefix + key + ".json", cursor.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Override
    public String describe() {
        return "s3://" + store.bucket() + "/" + prefix;
    }
}
