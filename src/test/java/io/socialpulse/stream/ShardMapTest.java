package io.socialpulse.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.socialpulse.testing.Emulators;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

class ShardMapTest {

    @Test
    void predictsTheShardKinesisPutsEachKeyOn() {
        Emulators emulators = Emulators.get();
        String stream = emulators.createStream("map", 4);
        try (KinesisClient kinesis = emulators.kinesis()) {
            ShardMap map = ShardMap.of(kinesis.listShards(r -> r.streamName(stream)).shards());
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("mastodon:" + i * 7919)
                        .data(SdkBytes.fromUtf8String("{}")).build());
            }
            List<PutRecordsResultEntry> results = kinesis.putRecords(r -> r.streamName(stream).records(entries))
                    .records();
            List<String> predicted = entries.stream().map(e -> map.shardOf(e.partitionKey())).toList();
            assertEquals(results.stream().map(PutRecordsResultEntry::shardId).toList(), predicted);
            assertEquals(4, predicted.stream().distinct().count(), "the keys spread over every shard");
        }
    }

    @Test
    void closedShardsTakeNoWritesAndAnEmptyMapSendsEverythingToOneQueue() {
        assertEquals(ShardMap.UNKNOWN, ShardMap.EMPTY.shardOf("x:1"));
    }
}
