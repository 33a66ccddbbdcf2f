package io.socialpulse.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** One post on its way into Kinesis, and the page whose acknowledgement waits for it. */
record OutgoingRecord(String postId, String partitionKey, byte[] data, PageAck page) {

    /** Kinesis limits partition keys to 256 characters; longer post ids are hashed, which keeps them stable. */
    static final int MAX_PARTITION_KEY = 256;

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

    /** What the record counts against the 1 MiB record and 5 MiB request limits. */
    int size() {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }

    PutRecordsRequestEntry entry() {
        return PutRecordsRequestEntry.builder()
                .partitionKey(partitionKey)
                .data(SdkBytes.fromByteArrayUnsafe(data))
                .build();
    }
}
