package io.socialpulse.source.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.socialpulse.config.ReplayConfig;

/** Replay settings for tests: the files, their format and the page size, as fast as Kinesis takes them. */
record ReplaySettings(List<Path> paths, String format, int pageSize) implements ReplayConfig {

    static ReplaySource source(String format, int pageSize, Path file) {
        return new ReplaySource(new ReplaySettings(List.of(file), format, pageSize));
    }

    @Override
    public Optional<List<Path>> files() {
        return Optional.of(paths);
    }

    @Override
    public int rate() {
        return 0;
    }
}
