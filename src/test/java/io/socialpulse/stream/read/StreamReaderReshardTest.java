package io.socialpulse.stream.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.FanOutRelay;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The reader across a reshard of the Kinesis emulator's stream: the closed parent is read to its
 * end and its listeners told so (the lake commits it there) before any record of its children is
 * handed over; every record arrives once. Polling and through enhanced fan-out.
 */
class StreamReaderReshardTest {

    private final Emulators emulators = Emulators.get();

    private static void put(KinesisClient kinesis, String stream, List<Post> posts) {
        kinesis.putRecords(r -> r.streamName(stream).records(posts.stream()
                .map(p -> PutRecordsRequestEntry.builder().partitionKey(p.id())
                        .data(SdkBytes.fromByteArray(PostCodec.encode(p))).build())
                .toList()));
    }

    @Test
    void aParentIsReadToItsEndAndEndedBeforeItsChildren() {
        readAcrossASplit(false);
    }

    /**
     * Through enhanced fan-out the parent's subscription ends with the event that names its children
     * (the relay adds the event the emulator leaves out), and the children are subscribed only then.
     */
    @Test
    void throughEnhancedFanOutTheParentsLastEventStartsItsChildren() {
        readAcrossASplit(true);
    }

    private void readAcrossASplit(boolean fanOut) {
        String stream = emulators.createStream(fanOut ? "reshard-efo" : "reshard", 1);
        List<Post> before = TestPosts.make(stream + "-before", 40, "reshard");
        List<Post> after = TestPosts.make(stream + "-after", 40, "reshard");
        try (KinesisClient kinesis = emulators.kinesis()) {
            put(kinesis, stream, before);
            kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(2)
                    .scalingType(ScalingType.UNIFORM_SCALING));
            Eventually.get(Duration.ofSeconds(30), () -> kinesis.describeStreamSummary(r -> r.streamName(stream))
                    .streamDescriptionSummary().streamStatus(), StreamStatus.ACTIVE::equals);
            put(kinesis, stream, after);
        }
        // What the listener saw, in order: "record <shard> <post id>" and "end <shard>".
        List<String> events = new CopyOnWriteArrayList<>();
        ShardListener listener = new ShardListener() {
            @Override
            public Uni<Void> onRecords(String shardId, List<StreamRecord> records) {
                records.forEach(r -> events.add("record " + shardId + " " + r.post().id()));
                return Uni.createFrom().voidItem();
            }

            @Override
            public Uni<Void> onShardEnd(String shardId) {
                events.add("end " + shardId);
                return Uni.createFrom().voidItem();
            }
        };
        CheckpointSource fromTheStart = shardId -> Uni.createFrom().item(Optional.empty());
        try (KinesisClient kinesis = emulators.kinesis();
                FanOutRelay relay = FanOutRelay.start(emulators.kinesisPort(), kinesis);
                KinesisAsyncClient client = fanOut
                        ? Emulators.kinesisAsyncHttp2(URI.create("http://127.0.0.1:" + relay.port()))
                        : Emulators.kinesisAsync(emulators.kinesisEndpoint())) {
            ReaderSettings settings = new ReaderSettings(stream, Duration.ofMillis(100), 25, Duration.ofHours(1),
                    fanOut ? new ReaderSettings.FanOut("reshard-task", true) : null);
            StreamReader reader = new StreamReader(client, settings, List.of(listener), Optional.of(fromTheStart), true,
                    Optional.empty());
            Set<String> reading = ConcurrentHashMap.newKeySet();
            reader.onShards(reading::add, reading::remove);
            reader.refresh().await().atMost(Duration.ofSeconds(30));
            Eventually.get(Duration.ofSeconds(60), () -> events.stream().filter(e -> e.startsWith("record")).count(),
                    n -> n >= before.size() + after.size());
            // The lag is told for the shards read, in seconds, and not at all for the ended parent.
            Set<String> read = Eventually.get(Duration.ofSeconds(30), () -> Set.copyOf(reading),
                    r -> r.size() == 2 && !r.contains("shardId-000000000000"));
            assertFalse(read.contains("shardId-000000000000"), "the parent's series went away: " + read);
            assertTrue(Double.isNaN(reader.secondsBehind("shardId-000000000000")));
            for (String child : read) {
                double lag = Eventually.get(Duration.ofSeconds(30), () -> reader.secondsBehind(child),
                        l -> !Double.isNaN(l));
                assertTrue(lag >= 0 && lag < 3600, child + " lag " + lag);
            }
            assertTrue(reader.maxSecondsBehind() >= 0, "max lag " + reader.maxSecondsBehind());
            reader.stop(Duration.ofSeconds(10));
            assertEquals(fanOut ? 1 : 0, relay.closings.get(), "the parent's subscription ended with its children");
        }

        String parent = "shardId-000000000000";
        int end = events.indexOf("end " + parent);
        assertTrue(end >= 0, "the parent was read to its end: " + events);
        List<String> records = events.stream().filter(e -> e.startsWith("record")).toList();
        assertEquals(records.size(), new HashSet<>(records).size(), "every record once");
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (event.startsWith("record ") && !event.startsWith("record " + parent)) {
                assertTrue(i > end, "a child's record came before the parent's end: " + events);
            }
        }
        assertEquals(before.size(), events.subList(0, end).size(), "the parent holds the posts put before");
        assertTrue(events.subList(end + 1, events.size()).stream().allMatch(e -> !e.contains(parent)));
        assertEquals(2, events.stream().filter(e -> e.startsWith("record ")).map(e -> e.split(" ")[1])
                .filter(s -> !s.equals(parent)).distinct().count(), "both children were read");
    }
}
