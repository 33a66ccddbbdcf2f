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

        /**
         * {@code KINESIS_PUBLISHER_FLUSH_TIMEOUT}: time allowed to flush the buffer at stop. Default 20s, which
         * leaves the rest of Fargate's 30 s stopTimeout to the lake's last roll.
         */
        @WithDefault("20s")
        Duration flushTimeout();

        /**
         * {@code KINESIS_PUBLISHER_RATE_PERCENT}: share of each shard's write limits (1,000 records and
         * 1 MiB per second) the publisher plans to use. Default 95.
         */
        @WithDefault("95")
        int ratePercent();

        /** {@code KINESIS_PUBLISHER_MAX_ATTEMPTS}: refusals by Kinesis a post survives before the dead letter. Default 30. */
        @WithDefault("30")
        int maxAttempts();

        /** {@code KINESIS_PUBLISHER_RECORD_TTL}: longest a post may wait to be accepted before the dead letter. Default 10m. */
        @WithDefault("10m")
        Duration recordTtl();

        /**
         * {@code KINESIS_PUBLISHER_AGGREGATION}: pack the posts bound for one shard into KPL aggregated
         * records (read by this service's reader, the KCL, Lambda and Firehose). Default false.
         */
        @WithDefault("false")
        boolean aggregation();

        /** {@code KINESIS_PUBLISHER_AGGREGATION_MAX_BYTES}: largest aggregated record. Default 51200, as the KPL. */
        @WithDefault("51200")
        int aggregationMaxBytes();

        /** {@code KINESIS_PUBLISHER_SHARD_REFRESH}: how often the shard map is re-read. Default 60s. */
        @WithDefault("60s")
        Duration shardRefresh();
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

        /**
         * {@code KINESIS_READER_MODE}: {@code polling} (GetRecords: five calls a second per shard,
         * shared by every task that polls) or {@code efo} (enhanced fan-out: SubscribeToShard through a
         * consumer of this task's own, 2 MB/s per shard each). Set per task: a lake task may poll while
         * trend tasks use efo. Default polling.
         */
        @WithDefault("polling")
        String mode();

        /**
         * {@code KINESIS_READER_CONSUMER}: the enhanced fan-out consumer's name. Default
         * {@code social-pulse-lake} for a task with the lake role (kept across restarts), else
         * {@code social-pulse-trends-<host name>} (one per task, deregistered at a clean stop).
         */
        Optional<String> consumer();

        /** Whether this task reads through enhanced fan-out. */
        default boolean fanOut() {
            return "efo".equalsIgnoreCase(mode().strip());
        }
    }
}
