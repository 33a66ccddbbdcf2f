package io.socialpulse.source.kit;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Where sources keep their cursors between runs: one small JSON document per source key
 * (platform, query and host). A saved cursor is durable once the returned stage completes.
 */
public interface CursorStore {

    Uni<Optional<String>> load(String key);

    Uni<Void> save(String key, String cursor);

    /** Where the cursors are, for the startup log. */
    String describe();
}
