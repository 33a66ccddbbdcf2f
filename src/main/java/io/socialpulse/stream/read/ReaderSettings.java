package io.socialpulse.stream.read;

import java.time.Duration;

import io.socialpulse.config.KinesisConfig;

/** The reader's settings as plain values. */
record ReaderSettings(String stream, Duration pollInterval, int maxRecords, Duration shardRefresh) {

    static ReaderSettings of(KinesisConfig config) {
        KinesisConfig.Reader r = config.reader();
        return new ReaderSettings(config.stream().orElseThrow(), r.pollInterval(), r.maxRecords(), r.shardRefresh());
    }
}
