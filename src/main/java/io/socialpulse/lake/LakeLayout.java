package io.socialpulse.lake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Where everything lives in the bucket. Posts are partitioned Hive-style by platform and by the
 * post's own time (UTC), so Athena prunes partitions without a crawler:
 *
 * <pre>
 * {prefix}/posts/platform={p}/dt={yyyy-MM-dd}/hour={HH}/{shardId}-{firstSeq}.jsonl.gz
 * {prefix}/_manifests/{stream}/{shardId}/{firstSeq, zero-padded}.json
 * {prefix}/_checkpoints/{stream}/{shardId}.json
 * {prefix}/dead-letter/{kind}/...
 * </pre>
 *
 * An object's name depends only on the shard and the first sequence number of its roll, so writing
 * the same roll twice names the same objects.
 */
public record LakeLayout(String prefix, String stream) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);
    /** Sequence numbers have up to 129 digits (the API's pattern). Padding makes name order the numeric order. */
    private static final int SEQUENCE_DIGITS = 129;

    public LakeLayout {
        prefix = trimSlashes(prefix);
    }

    public String postsPrefix() {
        return join("posts/");
    }

    public String partition(String platform, Instant createdAt) {
        return "platform=" + safe(platform) + "/dt=" + DAY.format(createdAt) + "/hour=" + HOUR.format(createdAt);
    }

    public String objectKey(String partition, String shardId, String firstSequence) {
        return join("posts/" + partition + "/" + shardId + "-" + firstSequence + ".jsonl.gz");
    }

    public String manifestPrefix(String shardId) {
        return join("_manifests/" + stream + "/" + shardId + "/");
    }

    public String manifestKey(String shardId, String firstSequence) {
        return manifestPrefix(shardId) + pad(firstSequence) + ".json";
    }

    public String checkpointKey(String shardId) {
        return join("_checkpoints/" + stream + "/" + shardId + ".json");
    }

    /** Where the lake processes that split this stream keep their shard leases and say they are alive. */
    public String leasePrefix() {
        return join("_leases/" + stream + "/");
    }

    public String deadLetterKey(String kind, String name) {
        return join("dead-letter/" + kind + "/" + name + ".json");
    }

    static String pad(String sequence) {
        return "0".repeat(Math.max(0, SEQUENCE_DIGITS - sequence.length())) + sequence;
    }

    private String join(String rest) {
        return prefix.isEmpty() ? rest : prefix + "/" + rest;
    }

    /** Platform names come from records: keep them to characters that are safe in a key and a partition value. */
    private static String safe(String value) {
        String lower = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        return lower.isEmpty() ? "unknown" : lower;
    }

    private static String trimSlashes(String value) {
        String v = value == null ? "" : value.strip();
        while (v.startsWith("/")) {
            v = v.substring(1);
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }
}
