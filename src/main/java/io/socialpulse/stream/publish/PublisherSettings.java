package io.socialpulse.stream.publish;

import java.time.Duration;

import io.socialpulse.config.KinesisConfig;
import io.socialpulse.stream.Backoff;

/** What the publisher needs to know, apart from the client: plain values so it runs outside CDI too. */
public record PublisherSettings(String stream, int bufferRecords, long bufferBytes, Duration linger, int maxInFlight,
        Backoff backoff, int ratePercent, int maxAttempts, Duration recordTtl, boolean aggregate,
        int aggregateMaxBytes, Duration shardRefresh) {

    /** The defaults for everything but the buffer, linger, concurrency and backoff. */
    public PublisherSettings(String stream, int bufferRecords, long bufferBytes, Duration linger, int maxInFlight,
            Backoff backoff) {
        this(stream, bufferRecords, bufferBytes, linger, maxInFlight, backoff, 95, 30, Duration.ofMinutes(10), false,
                51_200, Duration.ofSeconds(60));
    }

    public PublisherSettings withAggregation(boolean on) {
        return new PublisherSettings(stream, bufferRecords, bufferBytes, linger, maxInFlight, backoff, ratePercent,
                maxAttempts, recordTtl, on, aggregateMaxBytes, shardRefresh);
    }

    public PublisherSettings withRetries(int attempts, Duration ttl) {
        return new PublisherSettings(stream, bufferRecords, bufferBytes, linger, maxInFlight, backoff, ratePercent,
                attempts, ttl, aggregate, aggregateMaxBytes, shardRefresh);
    }

    public PublisherSettings withRate(int percent, Duration refresh) {
        return new PublisherSettings(stream, bufferRecords, bufferBytes, linger, maxInFlight, backoff, percent,
                maxAttempts, recordTtl, aggregate, aggregateMaxBytes, refresh);
    }

    public static PublisherSettings of(KinesisConfig config) {
        KinesisConfig.Publisher p = config.publisher();
        return new PublisherSettings(config.stream().orElseThrow(), p.bufferRecords(), p.bufferBytes(), p.linger(),
                p.maxInFlight(), new Backoff(Duration.ofMillis(100), p.maxBackoff()), p.ratePercent(),
                p.maxAttempts(), p.recordTtl(), p.aggregation(), p.aggregationMaxBytes(), p.shardRefresh());
    }
}
