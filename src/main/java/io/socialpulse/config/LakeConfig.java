package io.socialpulse.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The S3 lake ({@code LAKE_*}). The S3 endpoint itself is {@code S3_ENDPOINT}. */
@ConfigMapping(prefix = "lake")
public interface LakeConfig {

    /** {@code LAKE_BUCKET}: bucket of the lake. Required. */
    Optional<String> bucket();

    /** {@code LAKE_PREFIX}: key prefix inside the bucket, without slashes at the ends. Default {@code social-pulse}. */
    @WithDefault("social-pulse")
    String prefix();

    /** {@code LAKE_ROLL_BYTES}: compressed bytes of a shard's open roll that close it. Default 33554432 (32 MiB). */
    @WithDefault("33554432")
    long rollBytes();

    /**
     * {@code LAKE_PART_BYTES}: compressed bytes of one partition's buffer that go to S3 as the next
     * part of a multipart upload, so a large object never sits in memory whole. At least 5242880
     * (S3's smallest part). Default 8388608 (8 MiB).
     */
    @WithDefault("8388608")
    long partBytes();

    /** {@code LAKE_ROLL_AGE}: oldest a roll may get before it is written, also on an idle stream. Default 60s. */
    @WithDefault("60s")
    Duration rollAge();

    /**
     * {@code LAKE_DEDUP_HORIZON}: how far back, by roll, a shard's writer remembers the post ids it
     * wrote, to drop a post Kinesis holds twice. Default 15m.
     */
    @WithDefault("15m")
    Duration dedupHorizon();

    /** {@code LAKE_DEDUP_MAX_IDS}: most post ids a shard's writer remembers (oldest rolls go first). Default 2000000. */
    @WithDefault("2000000")
    int dedupMaxIds();

    /**
     * {@code LAKE_LEASES}: split the stream's shards between the tasks that run the lake role, each
     * shard read by one task at a time, through leases kept as objects beside the lake. Needs a task
     * without the trends role (the trend view reads every shard). Default false: one lake task reads
     * every shard.
     */
    @WithDefault("false")
    boolean leases();

    /**
     * {@code LAKE_LEASE_TIME}: how long a lease holds without renewal, so how soon the shards of a task
     * that died are taken over. Renewed every third of it. Default 30s.
     */
    @WithDefault("30s")
    Duration leaseTime();
}
