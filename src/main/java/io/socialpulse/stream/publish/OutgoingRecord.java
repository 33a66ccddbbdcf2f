package io.socialpulse.stream.publish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One post on its way into Kinesis, the page whose acknowledgement waits for it, and its retry
 * state (changed only under the dispatcher's lock).
 */
final class OutgoingRecord {

    /** Kinesis limits partition keys to 256 characters; longer post ids are hashed, which keeps them stable. */
    static final int MAX_PARTITION_KEY = 256;

    private final String postId;
    private final String partitionKey;
    private final int keyBytes;
    private byte[] data;
    private final PageAck page;
    final long enqueuedAt = System.nanoTime();
    /** The size it took in the buffer, given back when it leaves, whatever shedding did since. */
    final int admitted;
    /** Sends Kinesis answered with a refusal of this record. */
    int attempts;
    /** Not to be sent again before this {@link System#nanoTime} value. */
    long notBefore;
    String lastError;
    /** Whether its raw payload was dropped to fit the record limit. */
    boolean shed;

    OutgoingRecord(String postId, String partitionKey, byte[] data, PageAck page) {
        this.postId = postId;
        this.partitionKey = partitionKey;
        this.keyBytes = partitionKey.getBytes(StandardCharsets.UTF_8).length;
        this.data = data;
        this.page = page;
        this.admitted = size();
    }

    static OutgoingRecord of(String postId, byte[] data, PageAck page) {
        return new OutgoingRecord(postId, partitionKey(postId), data, page);
    }

    static String partitionKey(String postId) {
        if (postId.length() <= MAX_PARTITION_KEY) {
            return postId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(postId.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String postId() {
        return postId;
    }

    String partitionKey() {
        return partitionKey;
    }

    byte[] data() {
        return data;
    }

    PageAck page() {
        return page;
    }

    void replaceData(byte[] smaller) {
        data = smaller;
        shed = true;
    }

    /** What the record counts against the record and request limits: its data plus its partition key. */
    int size() {
        return data.length + keyBytes;
    }
}
