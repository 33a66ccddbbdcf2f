package io.socialpulse.stream.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.socialpulse.testing.Emulators;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

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
        String max = "340282366920938463463374607431768211455";
        String half = "170141183460469231731687303715884105728";
        List<Shard> shards = List.of(
                shard("shardId-000000000000", "0", max, "49000000000000000000000000000000000000000000000000000099"),
                shard("shardId-000000000001", "0", "170141183460469231731687303715884105727", null),
                shard("shardId-000000000002", half, max, null));
        ShardMap map = ShardMap.of(shards);
        assertEquals(List.of("shardId-000000000001", "shardId-000000000002"), map.shardIds(),
                "the parent, closed by a split, is left out");
        for (int i = 0; i < 100; i++) {
            String key = "x:" + i;
            boolean low = ShardMap.hash(key).compareTo(new BigInteger(half)) < 0;
            assertEquals(low ? "shardId-000000000001" : "shardId-000000000002", map.shardOf(key));
        }
        assertEquals(ShardMap.UNKNOWN, ShardMap.EMPTY.shardOf("x:1"));
    }

    private static Shard shard(String id, String start, String end, String endingSequence) {
        return Shard.builder().shardId(id).hashKeyRange(r -> r.startingHashKey(start).endingHashKey(end))
                .sequenceNumberRange(r -> r.startingSequenceNumber("1").endingSequenceNumber(endingSequence)).build();
    }
}
