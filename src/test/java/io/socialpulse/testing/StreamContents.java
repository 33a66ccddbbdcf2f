package io.socialpulse.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Everything a stream holds, read straight from the emulator. */
public final class StreamContents {

    public record Entry(String shardId, String sequenceNumber, String partitionKey, String data) {
    }

    private StreamContents() {
    }

    public static List<Entry> all(KinesisClient kinesis, String stream) {
        List<Entry> entries = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                for (Record record : response.records()) {
                    entries.add(new Entry(shard.shardId(), record.sequenceNumber(), record.partitionKey(),
                            record.data().asString(StandardCharsets.UTF_8)));
                }
                if (response.records().isEmpty() && Long.valueOf(0).equals(response.millisBehindLatest())) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return entries;
    }
}
