package io.socialpulse.stream.publish;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Which open shard a partition key lands on: Kinesis hashes the key with MD5 into a 128-bit number
 * and the shard whose hash key range holds it takes the record. Built from ListShards; closed
 * shards (those with an ending sequence number) take no writes and are left out.
 */
public final class ShardMap {

    /** Before the first ListShards answer: every key on one unnamed shard, so nothing is held back. */
    static final String UNKNOWN = "?";
    static final ShardMap EMPTY = new ShardMap(List.of());
    /** One digest per thread: looking the algorithm up costs more than hashing a short key. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    record Range(String shardId, BigInteger start, BigInteger end) {
    }

    private final List<Range> ranges;

    ShardMap(List<Range> ranges) {
        this.ranges = ranges.stream().sorted(Comparator.comparing(Range::start)).toList();
    }

    static ShardMap of(List<Shard> shards) {
        List<Range> open = new ArrayList<>();
        for (Shard shard : shards) {
            if (shard.sequenceNumberRange() == null || shard.sequenceNumberRange().endingSequenceNumber() == null) {
                open.add(new Range(shard.shardId(), new BigInteger(shard.hashKeyRange().startingHashKey()),
                        new BigInteger(shard.hashKeyRange().endingHashKey())));
            }
        }
        return new ShardMap(open);
    }

    public String shardOf(String partitionKey) {
        if (ranges.isEmpty()) {
            return UNKNOWN;
        }
        BigInteger hash = hash(partitionKey);
        int low = 0;
        int high = ranges.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (ranges.get(mid).start().compareTo(hash) <= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return ranges.get(low).shardId();
    }

    boolean contains(String shardId) {
        return ranges.stream().anyMatch(r -> r.shardId().equals(shardId));
    }

    List<String> shardIds() {
        return ranges.stream().map(Range::shardId).toList();
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The 128-bit MD5 of the key as an unsigned number, the way Kinesis places records. */
    public static BigInteger hash(String partitionKey) {
        return new BigInteger(1, MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }
}
