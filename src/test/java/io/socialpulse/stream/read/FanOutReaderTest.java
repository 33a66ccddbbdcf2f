package io.socialpulse.stream.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.TcpProxy;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * The reader in enhanced fan-out mode against the Kinesis emulator's SubscribeToShard (HTTP/2):
 * a consumer of its own, every record once and in order per shard while posts keep coming, a
 * consumer deleted under it registered again without losing or doubling a record, a subscribe
 * refused while another subscription holds the shard tried again, and the consumer deregistered at
 * a clean stop when it belongs to the task alone.
 */
class FanOutReaderTest {

    private final Emulators emulators = Emulators.get();

    /**
     * What a listener saw: per shard, the sequence numbers and post ids in the order they came. It
     * checkpoints every batch it takes, and refuses one batch when asked to, as a lake that lost a
     * write would.
     */
    private static final class Seen implements ShardListener, CheckpointSource {
        final Map<String, List<String>> sequences = new ConcurrentHashMap<>();
        final Map<String, String> checkpoints = new ConcurrentHashMap<>();
        final List<String> posts = new CopyOnWriteArrayList<>();
        final AtomicBoolean refuseNext = new AtomicBoolean();
        /** Reads of a checkpoint: one per shard at the start, one more for each read started over. */
        final AtomicInteger starts = new AtomicInteger();

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Uni<Optional<String>> startAfter(String shardId) {
            starts.incrementAndGet();
            return Uni.createFrom().item(Optional.ofNullable(checkpoints.get(shardId)));
        }

        @Override
        public Uni<Void> onRecords(String shardId, List<StreamRecord> records) {
            if (refuseNext.getAndSet(false)) {
                return Uni.createFrom().failure(new IllegalStateException("the write of this batch failed"));
            }
            checkpoints.put(shardId, records.get(records.size() - 1).sequenceNumber());
            for (StreamRecord record : records) {
                sequences.computeIfAbsent(shardId, s -> new CopyOnWriteArrayList<>()).add(record.sequenceNumber());
                posts.add(record.post().id());
            }
            return Uni.createFrom().voidItem();
        }

        void assertOnceAndInOrder(int expected) {
            assertEquals(expected, posts.size(), "every record handed over");
            assertEquals(expected, new HashSet<>(posts).size(), "no record twice");
            sequences.forEach((shard, seqs) -> {
                for (int i = 1; i < seqs.size(); i++) {
                    assertTrue(new BigInteger(seqs.get(i)).compareTo(new BigInteger(seqs.get(i - 1))) > 0,
                            "in order on " + shard + ": " + seqs);
                }
            });
        }
    }

    private static void put(KinesisClient kinesis, String stream, List<Post> posts) {
        kinesis.putRecords(r -> r.streamName(stream).records(posts.stream()
                .map(p -> PutRecordsRequestEntry.builder().partitionKey(p.id())
                        .data(SdkBytes.fromByteArray(PostCodec.encode(p))).build())
                .toList()));
    }

    private static List<Consumer> consumers(KinesisClient kinesis, String stream) {
        String arn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
        return new ArrayList<>(kinesis.listStreamConsumers(r -> r.streamARN(arn)).consumers());
    }

    private static StreamReader reader(KinesisAsyncClient client, String stream, String consumer, Seen seen) {
        return new StreamReader(client, new ReaderSettings(stream, Duration.ofMillis(100), 100, Duration.ofHours(1),
                new ReaderSettings.FanOut(consumer, true)), List.of(seen), Optional.of(seen), true, Optional.empty());
    }

    @Test
    void everyRecordOnceAndInOrderThroughAConsumerOfItsOwn() {
        String stream = emulators.createStream("efo", 2);
        List<Post> first = TestPosts.make(stream + "-first", 60, "efo");
        List<Post> more = TestPosts.make(stream + "-more", 40, "efo");
        Seen seen = new Seen();
        try (KinesisClient kinesis = emulators.kinesis();
                KinesisAsyncClient client = Emulators.kinesisAsyncHttp2(emulators.kinesisEndpoint())) {
            put(kinesis, stream, first);
            StreamReader reader = reader(client, stream, "trends-task-1", seen);
            reader.refresh().await().atMost(Duration.ofSeconds(30));
            Eventually.get(Duration.ofSeconds(60), seen.posts::size, n -> n >= first.size());
            put(kinesis, stream, more); // pushed to the subscriptions under way
            Eventually.get(Duration.ofSeconds(60), seen.posts::size, n -> n >= first.size() + more.size());
            List<Consumer> registered = consumers(kinesis, stream);
            assertEquals(List.of("trends-task-1"), registered.stream().map(Consumer::consumerName).toList());
            assertEquals(ConsumerStatus.ACTIVE, registered.get(0).consumerStatus());

            reader.stop(Duration.ofSeconds(10));
            assertTrue(Eventually.get(Duration.ofSeconds(30), () -> consumers(kinesis, stream),
                    c -> c.stream().noneMatch(x -> x.consumerStatus() == ConsumerStatus.ACTIVE))
                    .stream().noneMatch(x -> x.consumerStatus() == ConsumerStatus.ACTIVE),
                    "the task's own consumer is deregistered at a clean stop");
        }
        seen.assertOnceAndInOrder(first.size() + more.size());
        assertEquals(2, seen.sequences.size(), "both shards read");
        assertEquals(2, seen.starts.get(), "each shard's subscriptions follow each other without a failure,"
                + " though each outlives the client's deadline for an ordinary call");
    }

    @Test
    void aFailedBatchAndADeletedConsumerResumeFromTheCheckpointThroughANewConsumer() {
        String stream = emulators.createStream("efo-deleted", 1);
        List<Post> first = TestPosts.make(stream + "-first", 30, "efo");
        List<Post> more = TestPosts.make(stream + "-more", 30, "efo");
        Seen seen = new Seen();
        try (KinesisClient kinesis = emulators.kinesis();
                KinesisAsyncClient client = Emulators.kinesisAsyncHttp2(emulators.kinesisEndpoint())) {
            put(kinesis, stream, first);
            StreamReader reader = reader(client, stream, "trends-task-2", seen);
            reader.refresh().await().atMost(Duration.ofSeconds(30));
            Eventually.get(Duration.ofSeconds(60), seen.posts::size, n -> n >= first.size());
            String arn = consumers(kinesis, stream).get(0).consumerARN();
            kinesis.deregisterStreamConsumer(r -> r.consumerARN(arn));
            seen.refuseNext.set(true); // the subscription fails; the next one finds the consumer gone
            put(kinesis, stream, more);
            Eventually.get(Duration.ofSeconds(90), seen.posts::size, n -> n >= first.size() + more.size());
            assertTrue(consumers(kinesis, stream).stream().anyMatch(c -> !c.consumerARN().equals(arn)
                    && c.consumerStatus() == ConsumerStatus.ACTIVE), "registered again: " + consumers(kinesis, stream));
            reader.stop(Duration.ofSeconds(10));
        }
        seen.assertOnceAndInOrder(first.size() + more.size());
    }

    @Test
    void aSubscriptionCutShortStartsAgainWithoutLosingOrDoublingARecord() {
        String stream = emulators.createStream("efo-cut", 1);
        List<Post> first = TestPosts.make(stream + "-first", 30, "efo");
        List<Post> more = TestPosts.make(stream + "-more", 30, "efo");
        Seen seen = new Seen();
        try (KinesisClient kinesis = emulators.kinesis();
                TcpProxy link = TcpProxy.start(emulators.kinesisPort());
                KinesisAsyncClient client = Emulators
                        .kinesisAsyncHttp2(URI.create("http://127.0.0.1:" + link.port()))) {
            put(kinesis, stream, first);
            StreamReader reader = reader(client, stream, "trends-task-3", seen);
            reader.refresh().await().atMost(Duration.ofSeconds(30));
            Eventually.get(Duration.ofSeconds(60), seen.posts::size, n -> n >= first.size());
            link.sever(); // the HTTP/2 connection and its subscription reset mid-way
            put(kinesis, stream, more);
            link.restore();
            Eventually.get(Duration.ofSeconds(90), seen.posts::size, n -> n >= first.size() + more.size());
            reader.stop(Duration.ofSeconds(10));
        }
        seen.assertOnceAndInOrder(first.size() + more.size());
    }

    /**
     * A task started again while its former run's subscription still holds the shard (Kinesis ends it
     * only after a while): the emulator refuses each subscribe with ResourceInUseException; the
     * reader counts it, waits and tries again without starting its listeners over, and reads every
     * record once as soon as the shard is free.
     */
    @Test
    void aSubscribeRefusedWhileAnotherHoldsTheShardWaitsAndTriesAgain() {
        String stream = emulators.createStream("efo-busy", 1);
        List<Post> first = TestPosts.make(stream + "-first", 30, "efo");
        List<Post> more = TestPosts.make(stream + "-more", 30, "efo");
        Seen seen = new Seen();
        try (KinesisClient kinesis = emulators.kinesis();
                KinesisAsyncClient client = Emulators.kinesisAsyncHttp2(emulators.kinesisEndpoint())) {
            put(kinesis, stream, first);
            String arn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                    .streamARN();
            String consumer = kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("trends-task-4"))
                    .consumer().consumerARN();
            Eventually.get(Duration.ofSeconds(30), () -> kinesis.describeStreamConsumer(r -> r.consumerARN(consumer))
                    .consumerDescription().consumerStatus(), ConsumerStatus.ACTIVE::equals);
            StreamReader reader;
            try (KinesisAsyncClient former = Emulators.kinesisAsyncHttp2(emulators.kinesisEndpoint())) {
                AtomicInteger formerEvents = new AtomicInteger();
                former.subscribeToShard(r -> r.consumerARN(consumer).shardId("shardId-000000000000")
                        .startingPosition(p -> p.type(ShardIteratorType.LATEST))
                        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMinutes(6))
                                .apiCallAttemptTimeout(Duration.ofMinutes(6))),
                        SubscribeToShardResponseHandler.builder().subscriber(e -> formerEvents.incrementAndGet())
                                .build());
                Eventually.get(Duration.ofSeconds(30), formerEvents::get, n -> n > 0);

                reader = reader(client, stream, "trends-task-4", seen);
                reader.refresh().await().atMost(Duration.ofSeconds(30));
                Eventually.get(Duration.ofSeconds(30), reader::refusedSubscribes, n -> n >= 2);
                assertEquals(List.of(), seen.posts, "nothing read while the former subscription holds the shard");
            } // the former run's connection closes, and its subscription with it
            Eventually.get(Duration.ofSeconds(60), seen.posts::size, n -> n >= first.size());
            put(kinesis, stream, more);
            Eventually.get(Duration.ofSeconds(60), seen.posts::size, n -> n >= first.size() + more.size());
            reader.stop(Duration.ofSeconds(10));
        }
        seen.assertOnceAndInOrder(first.size() + more.size());
        assertEquals(1, seen.starts.get(), "a refused subscribe does not start the listeners over");
    }
}
