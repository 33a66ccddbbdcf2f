package io.socialpulse.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.amazonaws.kinesis.deagg.RecordDeaggregator;
import com.amazonaws.services.kinesis.clientlibrary.types.UserRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;

import io.socialpulse.lake.S3DeadLetters;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.publish.KinesisPublisher;
import io.socialpulse.stream.publish.PublisherSettings;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Posts the publisher aggregates, as they sit in the emulator's shards, read back by the two
 * official readers: the Kinesis Client Library's deaggregation (which drops any post whose hash
 * is outside the shard it was read from) and the kinesis-aggregation deaggregator 1.0.3 used in
 * Lambda functions. Both must give back every post, byte for byte, and nothing else.
 */
class AggregationInteropTest {

    private static Emulators emulators;
    private static String stream;
    private static List<Post> posts;
    private static final Map<Shard, List<Record>> stored = new HashMap<>();

    @BeforeAll
    static void publishAggregated() {
        emulators = Emulators.get();
        stream = emulators.createStream("aggregated", 3);
        posts = TestPosts.make(stream, 3000, "aggregated");
        try (KinesisAsyncClient client = Emulators.kinesisAsync(emulators.kinesisEndpoint());
                S3AsyncClient s3 = emulators.s3Async()) {
            PublisherSettings settings = new PublisherSettings(stream, 10_000, 64L << 20, Duration.ofMillis(100), 4,
                    new Backoff(Duration.ofMillis(50), Duration.ofMillis(400))).withAggregation(true);
            KinesisPublisher publisher = new KinesisPublisher(client, settings,
                    new S3DeadLetters(new ObjectStore(s3, emulators.createBucket("agg")), "lake"));
            publisher.publish(posts).await().atMost(Duration.ofSeconds(60));
            assertTrue(publisher.stats().recordsPut() == posts.size());
            publisher.close(Duration.ofSeconds(5));
        }
        try (KinesisClient kinesis = emulators.kinesis()) {
            for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
                String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                List<Record> records = new ArrayList<>();
                while (iterator != null) {
                    String current = iterator;
                    var response = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                    records.addAll(response.records());
                    if (response.records().isEmpty()) {
                        break;
                    }
                    iterator = response.nextShardIterator();
                }
                stored.put(shard, records);
            }
        }
    }

    @AfterAll
    static void forget() {
        stored.clear();
    }

    private static Map<String, String> expected() {
        Map<String, String> byKey = new HashMap<>();
        posts.forEach(p -> byKey.put(p.id(), new String(PostCodec.encode(p), StandardCharsets.UTF_8)));
        return byKey;
    }

    @Test
    void postsTravelManyToAKinesisRecord() {
        int records = stored.values().stream().mapToInt(List::size).sum();
        assertTrue(records * 10 < posts.size(), records + " Kinesis records for " + posts.size() + " posts");
    }

    @Test
    void theKinesisClientLibraryDeaggregatesEveryPostOnItsOwnShard() {
        Map<String, String> read = new HashMap<>();
        AggregatorUtil util = new AggregatorUtil();
        for (Map.Entry<Shard, List<Record>> shard : stored.entrySet()) {
            // Fresh bytes per reader: the KCL reads the record's buffer in place.
            List<KinesisClientRecord> raw = shard.getValue().stream()
                    .map(r -> KinesisClientRecord.fromRecord(
                            r.toBuilder()
                                    .data(SdkBytes.fromByteArray(r.data().asByteArray()))
                                    .build()))
                    .toList();
            // With the shard's hash range, as the KCL reads: a post placed on the wrong shard is dropped.
            List<KinesisClientRecord> users = util.deaggregate(raw,
                    new BigInteger(shard.getKey().hashKeyRange().startingHashKey()),
                    new BigInteger(shard.getKey().hashKeyRange().endingHashKey()));
            for (KinesisClientRecord user : users) {
                String previous = read.put(user.partitionKey(), utf8(user.data()));
                assertEquals(null, previous, "post " + user.partitionKey() + " read twice");
            }
        }
        assertEquals(expected(), read);
    }

    @Test
    void theKinesisAggregationDeaggregatorReadsEveryPost() {
        Map<String, String> read = new HashMap<>();
        for (List<Record> records : stored.values()) {
            for (Record record : records) {
                KinesisEvent.Record inner = new KinesisEvent.Record();
                inner.setData(ByteBuffer.wrap(record.data().asByteArray()));
                inner.setPartitionKey(record.partitionKey());
                inner.setSequenceNumber(record.sequenceNumber());
                inner.setApproximateArrivalTimestamp(Date.from(record.approximateArrivalTimestamp()));
                KinesisEvent.KinesisEventRecord event = new KinesisEvent.KinesisEventRecord();
                event.setKinesis(inner);
                for (UserRecord user : RecordDeaggregator.deaggregate(event)) {
                    String previous = read.put(user.getPartitionKey(), utf8(user.getData()));
                    assertEquals(null, previous, "post " + user.getPartitionKey() + " read twice");
                }
            }
        }
        assertEquals(expected(), read);
    }

    @Test
    void ourOwnReaderSplitsAggregatesBackIntoPosts() {
        Map<String, String> read = new HashMap<>();
        for (List<Record> records : stored.values()) {
            for (Record record : records) {
                byte[] data = record.data().asByteArray();
                List<Aggregation.Entry> entries = Aggregation.isAggregated(data)
                        ? Aggregation.decode(data)
                        : List.of(new Aggregation.Entry(record.partitionKey(), data));
                entries.forEach(e -> read.put(e.partitionKey(), utf8(ByteBuffer.wrap(e.data()))));
            }
        }
        assertEquals(expected(), read);
    }

    private static String utf8(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
