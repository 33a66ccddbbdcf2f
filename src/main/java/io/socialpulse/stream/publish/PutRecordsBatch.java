package io.socialpulse.stream.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.socialpulse.stream.Aggregation;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** One PutRecords request being filled: at most 500 entries and the stream's request byte limit. */
final class PutRecordsBatch {

    /** One Kinesis record: a post, or an aggregate of posts bound for the same shard. */
    record Entry(String shard, List<OutgoingRecord> records, String partitionKey, byte[] data, int size) {
    }

    /** PutRecords takes at most 500 records per request. */
    static final int MAX_ENTRIES = 500;

    private final Limits limits;
    private final List<Entry> entries = new ArrayList<>();
    private int records;
    private long bytes;

    PutRecordsBatch(Limits limits) {
        this.limits = limits;
    }

    boolean hasRoom() {
        return entries.size() < MAX_ENTRIES && bytes < limits.requestBytes();
    }

    boolean fits(int size) {
        return entries.size() < MAX_ENTRIES && bytes + size <= limits.requestBytes();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    void add(String shard, List<OutgoingRecord> posts, int estimate) {
        Entry entry;
        if (posts.size() == 1) {
            OutgoingRecord only = posts.get(0);
            entry = new Entry(shard, posts, only.partitionKey(), only.data(), only.size());
        } else {
            List<Aggregation.Entry> inner = new ArrayList<>(posts.size());
            posts.forEach(p -> inner.add(new Aggregation.Entry(p.partitionKey(), p.data())));
            byte[] data = Aggregation.encode(inner);
            // The aggregate goes where its posts' own keys go: the shard they were grouped for.
            String key = posts.get(0).partitionKey();
            entry = new Entry(shard, List.copyOf(posts), key, data, data.length + key.length());
        }
        entries.add(entry);
        records += posts.size();
        bytes += entry.size();
    }

    /** The size an entry of these posts will have at most. */
    static int entrySize(List<OutgoingRecord> posts) {
        if (posts.size() == 1) {
            return posts.get(0).size();
        }
        int size = Aggregation.overhead() + posts.get(0).partitionKey().length();
        for (OutgoingRecord post : posts) {
            size += Aggregation.sizeOf(post.partitionKey(), post.data().length);
        }
        return size;
    }

    /**
     * The posts at the head of a shard's queue that one aggregate of at most {@code maxBytes} can
     * carry; at least the head itself.
     */
    static List<OutgoingRecord> aggregate(ArrayDeque<OutgoingRecord> queue, long now, int maxBytes) {
        List<OutgoingRecord> out = new ArrayList<>();
        int size = Aggregation.overhead() + queue.peekFirst().partitionKey().length();
        for (OutgoingRecord record : queue) {
            int more = Aggregation.sizeOf(record.partitionKey(), record.data().length);
            if (!out.isEmpty() && (size + more > maxBytes || record.notBefore > now)) {
                break;
            }
            out.add(record);
            size += more;
        }
        return out;
    }

    List<Entry> entries() {
        return entries;
    }

    int records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    PutRecordsRequest toPutRecords(String stream) {
        List<PutRecordsRequestEntry> out = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            out.add(PutRecordsRequestEntry.builder().partitionKey(entry.partitionKey())
                    .data(SdkBytes.fromByteArrayUnsafe(entry.data())).build());
        }
        return PutRecordsRequest.builder().streamName(stream).records(out).build();
    }
}
