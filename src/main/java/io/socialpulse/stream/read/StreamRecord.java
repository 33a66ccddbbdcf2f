package io.socialpulse.stream.read;

import java.math.BigInteger;
import java.time.Instant;

import io.socialpulse.post.Post;

/**
 * A record read from a shard. {@code post} is null when the bytes are not a post (a poison
 * record); {@code error} then says why, and the raw bytes are kept for the dead letter. A Kinesis
 * record that aggregates several posts yields one of these per post, numbered by
 * {@code subSequence}; {@code last} marks the final one, the only place a roll may end.
 */
public record StreamRecord(String shardId, String sequenceNumber, int subSequence, boolean last, Instant arrivedAt,
        byte[] data, Post post, String error) {

    /** A plain (not aggregated) record. */
    public StreamRecord(String shardId, String sequenceNumber, Instant arrivedAt, byte[] data, Post post,
            String error) {
        this(shardId, sequenceNumber, 0, true, arrivedAt, data, post, error);
    }

    public boolean isPoison() {
        return post == null;
    }

    /** Kinesis sequence numbers are decimal strings of varying length: compare them as numbers. */
    public static int compareSequence(String a, String b) {
        return new BigInteger(a).compareTo(new BigInteger(b));
    }
}
