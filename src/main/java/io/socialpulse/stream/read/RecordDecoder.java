package io.socialpulse.stream.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.socialpulse.post.PostCodec;
import io.socialpulse.post.PostFormatException;
import io.socialpulse.stream.Aggregation;

import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Kinesis records as posts: a plain record is one post; a KPL aggregate is split into its posts,
 * numbered by sub-sequence, the last one marked. Bytes that are not a post become poison records
 * that carry the reason, so the shard keeps moving.
 */
final class RecordDecoder {

    private RecordDecoder() {
    }

    static List<StreamRecord> decode(String shardId, List<Record> records) {
        List<StreamRecord> decoded = new ArrayList<>(records.size());
        for (Record record : records) {
            byte[] data = record.data().asByteArrayUnsafe();
            Instant arrived = record.approximateArrivalTimestamp();
            if (!Aggregation.isAggregated(data)) {
                decoded.add(post(shardId, record.sequenceNumber(), 0, true, arrived, data));
                continue;
            }
            List<Aggregation.Entry> inner;
            try {
                inner = Aggregation.decode(data);
            } catch (RuntimeException e) {
                // Whatever the bytes make the decoder do, the record becomes a dead letter and the shard moves on.
                decoded.add(new StreamRecord(shardId, record.sequenceNumber(), arrived, data, null,
                        "unreadable aggregated record: " + e.getMessage()));
                continue;
            }
            for (int i = 0; i < inner.size(); i++) {
                decoded.add(post(shardId, record.sequenceNumber(), i, i == inner.size() - 1, arrived,
                        inner.get(i).data()));
            }
        }
        return decoded;
    }

    private static StreamRecord post(String shardId, String sequence, int sub, boolean last, Instant arrived,
            byte[] data) {
        try {
            return new StreamRecord(shardId, sequence, sub, last, arrived, data, PostCodec.decode(data), null);
        } catch (PostFormatException e) {
            return new StreamRecord(shardId, sequence, sub, last, arrived, data, null, e.getMessage());
        } catch (RuntimeException e) {
            return new StreamRecord(shardId, sequence, sub, last, arrived, data, null,
                    "unreadable post: " + e.getClass().getSimpleName());
        }
    }
}
