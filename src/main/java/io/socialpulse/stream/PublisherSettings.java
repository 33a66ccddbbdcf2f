package io.socialpulse.stream;

import java.time.Duration;

import io.socialpulse.config.KinesisConfig;

/** What the publisher needs to know, apart from the client: plain values so it runs outside CDI too. */
public record PublisherSettings(String stream, int bufferRecords, long bufferBytes, Duration linger, int maxInFlight,
        Backoff backoff) {

    public static PublisherSettings of(KinesisConfig config) {
        KinesisConfig.Publisher p = config.publisher();
        return new PublisherSettings(config.stream().orElseThrow(), p.bufferRecords(), p.bufferBytes(), p.linger(),
                p.maxInFlight(), new Backoff(Duration.ofMillis(100), p.maxBackoff()));
    }
}
