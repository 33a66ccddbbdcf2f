package io.socialpulse.source.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Cursors as files in a local directory, for runs without S3. Written to a temporary file, synced
 * and renamed over the old one, so a crash leaves either the old cursor or the new one.
 */
public final class FileCursorStore implements CursorStore {

    private final Path dir;

    public FileCursorStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public Uni<Optional<String>> load(String key) {
        return Uni.createFrom().item(() -> {
            Path file = dir.resolve(key + ".json");
            try {
                return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.<String>empty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read cursor " + file, e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public Uni<Void> save(String key, String cursor) {
        return Uni.createFrom().<Void>item(() -> {
            try {
                Files.createDirectories(dir);
                Path temp = dir.resolve(key + ".json.tmp");
                Files.write(temp, cursor.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                try {
                    Files.move(temp, dir.resolve(key + ".json"), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, dir.resolve(key + ".json"), StandardCopyOption.REPLACE_EXISTING);
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write cursor in " + dir, e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public String describe() {
        return dir.toAbsolutePath().toString();
    }
}
