package io.socialpulse.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Kinesis data stream every post travels through ({@code KINESIS_*}). */
@ConfigMapping(prefix = "kinesis")
public interface KinesisConfig {

    /** {@code KINESIS_STREAM}: name of the stream. Required. */
    Optional<String> stream();

    /** {@code KINESIS_ENDPOINT}: endpoint override, for an emulator or a VPC endpoint. Default: the AWS endpoint. */
    Optional<URI> endpoint();

    /** {@code KINESIS_REGION}: region of the stream. Default {@code us-east-1}, or {@code AWS_REGION} when set. */
    @WithDefault("${aws.region:us-east-1}")
    String region();

    /** Publisher settings ({@code KINESIS_PUBLISHER_*}). */
    Publisher publisher();

    /** Reader settings ({@code KINESIS_READER_*}). */
    Reader reader();

    interface Publisher {
        /** {@code KINESIS_PUBLISHER_BUFFER_RECORDS}: posts buffered before sources wait. Default 10000. */
        @WithDefault("10000")
        int bufferRecords();

        /** {@code KINESIS_PUBLISHER_BUFFER_BYTES}: encoded bytes buffered before sources wait. Default 33554432 (32 MiB). */
        @WithDefault("33554432")
        long bufferBytes();

        /** {@code KINESIS_PUBLISHER_LINGER}: longest wait to fill a PutRecords request. Default 200ms. */
        @WithDefault("200ms")
        Duration linger();

        /** {@code KINESIS_PUBLISHER_MAX_IN_FLIGHT}: concurrent PutRecords requests. Default 4. */
        @WithDefault("4")
        int maxInFlight();

        /** {@code KINESIS_PUBLISHER_MAX_BACKOFF}: ceiling of the retry backoff. Default 10s. */
        @WithDefault("10s")
        Duration maxBackoff();

        /** {@code KINESIS_PUBLISHER_FLUSH_TIMEOUT}: time allowed to flush the buffer at stop. Default 10s. */
        @WithDefault("10s")
        Duration flushTimeout();
    }

    interface Reader {
        /** {@code KINESIS_READER_POLL_INTERVAL}: wait between GetRecords calls on a caught-up shard. Default 1s. */
        @WithDefault("1s")
        Duration pollInterval();

        /** {@code KINESIS_READER_MAX_RECORDS}: records asked for per GetRecords call. Default 1000. */
        @WithDefault("1000")
        int maxRecords();

        /** {@code KINESIS_READER_SHARD_REFRESH}: how often the shard list is re-read. Default 30s. */
        @WithDefault("30s")
        Duration shardRefresh();
    }
}
