package io.socialpulse.stream.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.stream.Aggregation;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Any producer can write anything to the stream: whatever the bytes, the decoder answers with posts
 * or dead letters (poison records that carry a reason), at once, and never throws.
 */
class RecordDecoderProperties {

    private static final Duration AT_ONCE = Duration.ofSeconds(2);

    @Property(tries = 500)
    void anyBytesArePostsOrDeadLetters(@ForAll @Size(max = 3000) byte[] data) {
        assertEveryRecordAnswered(data);
    }

    @Property(tries = 500)
    void aMutatedAggregateWithAValidChecksumIsPostsOrDeadLetters(@ForAll("mutatedAggregates") byte[] data) {
        assertTrue(Aggregation.isAggregated(data), "the checksum was recomputed, so it reads as an aggregate");
        assertEveryRecordAnswered(data);
    }

    @Property(tries = 300)
    void anyTextAfterAValidPostIsAPostOrADeadLetter(@ForAll("mutatedPosts") byte[] data) {
        assertEveryRecordAnswered(data);
    }

    /**
     * 26 bytes: magic, an unknown length-delimited field whose length, read as a 32-bit number, is
     * -6, which points back at its own tag, and the checksum.
     */
    @Example
    void anAggregateWithANegativeLengthIsADeadLetterNotALoop() {
        byte[] body = {0x12, (byte) 0xFA, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        byte[] data = sealed(body);
        assertEquals(26, data.length);
        List<StreamRecord> decoded = assertEveryRecordAnswered(data);
        assertEquals(1, decoded.size());
        assertTrue(decoded.get(0).isPoison());
        assertTrue(decoded.get(0).error().contains("aggregated record"), decoded.get(0).error());
    }

    @Example
    void anAggregateWhoseKeyLengthRunsPastItsEndIsADeadLetter() {
        byte[] data = sealed(new byte[]{0x0A, 0x7F, 'k'});
        List<StreamRecord> decoded = assertEveryRecordAnswered(data);
        assertTrue(decoded.get(0).isPoison(), "no StringIndexOutOfBoundsException escapes");
    }

    @Provide
    Arbitrary<byte[]> mutatedAggregates() {
        return Arbitraries.integers().between(1, 8).flatMap(count -> Arbitraries.integers().between(0, 40)
                .list().ofMinSize(1).ofMaxSize(12).map(positions -> mutate(aggregate(count), positions)));
    }

    @Provide
    Arbitrary<byte[]> mutatedPosts() {
        byte[] post = PostCodec.encode(TestPosts.make("prop", 1, "tag").get(0));
        return Arbitraries.integers().between(0, post.length - 1).list().ofMinSize(1).ofMaxSize(8)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                    byte[] copy = post.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values.get(i);
                    }
                    return copy;
                }));
    }

    private static byte[] aggregate(int count) {
        List<Aggregation.Entry> entries = new ArrayList<>();
        for (Post post : TestPosts.make("agg", count, "tag")) {
            entries.add(new Aggregation.Entry(post.id(), PostCodec.encode(post)));
        }
        return Aggregation.encode(entries);
    }

    /** Overwrites bytes of the body at the given offsets (from the start of the body), then reseals it. */
    private static byte[] mutate(byte[] aggregate, List<Integer> positions) {
        byte[] body = Arrays.copyOfRange(aggregate, 4, aggregate.length - 16);
        for (int position : positions) {
            int at = position % body.length;
            body[at] = (byte) (body[at] * 31 + position);
        }
        return sealed(body);
    }

    private static byte[] sealed(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(body);
            byte[] data = new byte[4 + body.length + 16];
            System.arraycopy(Aggregation.MAGIC, 0, data, 0, 4);
            System.arraycopy(body, 0, data, 4, body.length);
            System.arraycopy(digest, 0, data, 4 + body.length, 16);
            return data;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<StreamRecord> assertEveryRecordAnswered(byte[] data) {
        Record record = Record.builder().sequenceNumber("49000000000000000000001").partitionKey("k")
                .approximateArrivalTimestamp(Instant.EPOCH).data(SdkBytes.fromByteArray(data)).build();
        List<StreamRecord> decoded = assertTimeoutPreemptively(AT_ONCE,
                () -> RecordDecoder.decode("shardId-000000000000", List.of(record)));
        assertTrue(!decoded.isEmpty(), "a record is never dropped without a word");
        for (StreamRecord r : decoded) {
            assertTrue(r.post() != null || r.error() != null, "a post or a reason");
            if (r.isPoison()) {
                assertNotNull(r.error());
            }
        }
        return decoded;
    }
}
