package io.socialpulse.stream.publish;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.socialpulse.lake.DeadLetter;
import io.socialpulse.lake.S3DeadLetters;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.Backoff;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.JsonWire;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.StreamContents;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The publisher against the real Kinesis emulator, with WireMock in front of it to inject the
 * answers the emulator never gives: partial failures, server errors, dropped connections.
 */
@ExtendWith(JsonWire.class)
class PublisherFaultsTest {

    private static final String PUT_RECORDS = "Kinesis_20131202.PutRecords";

    private static Emulators emulators;
    private WireMockServer wireMock;
    private KinesisAsyncClient client;
    private S3AsyncClient s3;
    private String stream;
    private String bucket;
    private KinesisPublisher publisher;

    @BeforeAll
    static void emulators() {
        emulators = Emulators.get();
    }

    @BeforeEach
    void start() {
        stream = emulators.createStream("publisher", 2);
        bucket = emulators.createBucket("dead");
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        wireMock.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(aResponse().proxiedFrom(emulators.kinesisEndpoint().toString())));
        client = Emulators.kinesisAsync(URI.create(wireMock.baseUrl()));
        s3 = emulators.s3Async();
        publisher = publisher(10_000);
    }

    private KinesisPublisher publisher(int bufferRecords) {
        PublisherSettings settings = new PublisherSettings(stream, bufferRecords, 64L << 20, Duration.ofMillis(100), 4,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)));
        return new KinesisPublisher(client, settings, new S3DeadLetters(new ObjectStore(s3, bucket), "lake"));
    }

    @AfterEach
    void stop() {
        publisher.close(Duration.ofSeconds(1));
        wireMock.stop();
        client.close();
        s3.close();
    }

    @Test
    void resendsOnlyTheEntriesAResponseMarksAsFailed() {
        wireMock.stubFor(putRecords().inScenario("partial").whenScenarioStateIs("Started").willSetStateTo("passed")
                .willReturn(
                        json("""
                                {"FailedRecordCount":2,"Records":[
                                  {"SequenceNumber":"49000000000000000000000000000000000000000000000000000001","ShardId":"shardId-000000000000"},
                                  {"ErrorCode":"ProvisionedThroughputExceededException","ErrorMessage":"Rate exceeded for shard shardId-000000000000"},
                                  {"SequenceNumber":"49000000000000000000000000000000000000000000000000000002","ShardId":"shardId-000000000001"},
                                  {"ErrorCode":"InternalFailure","ErrorMessage":"Internal service failure."},
                                  {"SequenceNumber":"49000000000000000000000000000000000000000000000000000003","ShardId":"shardId-000000000001"}]}
                                """)));
        List<Post> posts = TestPosts.make(stream, 5, "partial");

        publisher.publish(posts).await().atMost(Duration.ofSeconds(20));

        List<LoggedRequest> puts = putRequests();
        // Requests are filled shard by shard, so the canned answer's failures are at these positions:
        List<String> first = partitionKeys(puts.get(0));
        assertEquals(posts.stream().map(Post::id).sorted().toList(), first.stream().sorted().toList());
        Set<String> failed = Set.of(first.get(1), first.get(3));
        // The throttled entry waits for its shard to rest and the failed one is resent soon: one
        // request each or both in one, but nothing else is sent again.
        List<String> resent = puts.subList(1, puts.size()).stream().flatMap(p -> partitionKeys(p).stream())
                .sorted().toList();
        assertEquals(failed.stream().sorted().toList(), resent, "the resends hold exactly the two failed entries");
        assertEquals(1, publisher.stats().shardThrottles());
        try (KinesisClient kinesis = emulators.kinesis()) {
            assertEquals(failed, StreamContents.all(kinesis, stream).stream()
                    .map(StreamContents.Entry::partitionKey).collect(Collectors.toSet()));
        }
        assertEquals(2, publisher.stats().retriedEntries());
        assertEquals(1L, publisher.stats().failuresByCode().get("InternalFailure"));
    }

    @Test
    void batchesNeverExceedFiveHundredRecords() {
        List<Post> posts = TestPosts.make(stream, 1234, "many");

        publisher.publish(posts).await().atMost(Duration.ofSeconds(60));

        List<LoggedRequest> puts = putRequests();
        puts.forEach(put -> assertTrue(partitionKeys(put).size() <= 500, "a request of " + partitionKeys(put).size()));
        assertEquals(1234, puts.stream().mapToInt(put -> partitionKeys(put).size()).sum());
        try (KinesisClient kinesis = emulators.kinesis()) {
            List<StreamContents.Entry> stored = StreamContents.all(kinesis, stream);
            assertEquals(1234, stored.size());
            assertEquals(1234, stored.stream().map(StreamContents.Entry::partitionKey).distinct().count());
        }
    }

    @Test
    void batchesNeverExceedFiveMebibytes() {
        List<Post> posts = new ArrayList<>();
        for (Post post : TestPosts.make(stream, 12, "big")) {
            posts.add(withText(post, "x".repeat(900 * 1024)));
        }

        publisher.publish(posts).await().atMost(Duration.ofSeconds(60));

        List<LoggedRequest> puts = putRequests();
        assertTrue(puts.size() >= 3, "12 records of 900 KiB need at least three requests");
        for (LoggedRequest put : puts) {
            long bytes = 0;
            for (JsonNode entry : body(put).get("Records")) {
                bytes += Base64.getDecoder().decode(entry.get("Data").asText()).length
                        + entry.get("PartitionKey").asText().length();
            }
            assertTrue(bytes <= Limits.DEFAULT.requestBytes(), "a request of " + bytes + " bytes");
        }
        try (KinesisClient kinesis = emulators.kinesis()) {
            List<StreamContents.Entry> stored = StreamContents.all(kinesis, stream);
            assertEquals(posts.stream().map(Post::id).collect(Collectors.toSet()),
                    stored.stream().map(StreamContents.Entry::partitionKey).collect(Collectors.toSet()));
            // A request that timed out after Kinesis took it is sent again: at least once, never lost.
            assertTrue(stored.size() == 12 || publisher.stats().failedRequests() > 0, stored.size() + " records");
        }
    }

    @Test
    void retriesAWholeRequestThatFailed() {
        wireMock.stubFor(putRecords().inScenario("outage").whenScenarioStateIs("Started").willSetStateTo("reset")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"InternalFailure\",\"message\":\"Internal service failure.\"}")));
        wireMock.stubFor(putRecords().inScenario("outage").whenScenarioStateIs("reset").willSetStateTo("passed")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        List<Post> posts = TestPosts.make(stream, 20, "outage");

        publisher.publish(posts).await().atMost(Duration.ofSeconds(20));

        assertEquals(3, putRequests().size());
        try (KinesisClient kinesis = emulators.kinesis()) {
            assertEquals(posts.stream().map(Post::id).collect(Collectors.toSet()), StreamContents.all(kinesis, stream)
                    .stream().map(StreamContents.Entry::partitionKey).collect(Collectors.toSet()));
            assertEquals(20, StreamContents.all(kinesis, stream).size(), "no post is in the stream twice");
        }
        assertEquals(2, publisher.stats().failedRequests());
    }

    @Test
    void aPostOverTheRecordLimitGoesToTheDeadLetterWithItsReason() throws Exception {
        List<Post> posts = new ArrayList<>(TestPosts.make(stream, 3, "limit"));
        Post huge = withText(posts.get(1), "y".repeat(1100 * 1024));
        posts.set(1, huge);

        publisher.publish(posts).await().atMost(Duration.ofSeconds(20));

        try (KinesisClient kinesis = emulators.kinesis(); S3Client sync = emulators.s3()) {
            assertEquals(Set.of(posts.get(0).id(), posts.get(2).id()), StreamContents.all(kinesis, stream).stream()
                    .map(StreamContents.Entry::partitionKey).collect(Collectors.toSet()));
            List<String> keys = Lake.keys(sync, bucket, "lake/dead-letter/publisher/");
            assertEquals(1, keys.size());
            DeadLetter letter = PostCodec.mapper().readValue(
                    sync.getObjectAsBytes(r -> r.bucket(bucket).key(keys.get(0))).asByteArray(), DeadLetter.class);
            assertTrue(letter.reason().contains("over the stream's record limit of 1048576 bytes"), letter.reason());
            assertEquals(huge.id(), PostCodec.decode(letter.data()).id(), "the dead letter keeps the post's bytes");
        }
        assertEquals(1, publisher.stats().deadLetteredCount());
    }

    @Test
    void aFullBufferHoldsTheSourceBackUntilKinesisIsReachableAgain() throws Exception {
        publisher.close(Duration.ZERO);
        publisher = publisher(500);
        StubMapping down = wireMock.stubFor(putRecords().atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        List<Post> posts = TestPosts.make(stream, 2000, "pressure");
        List<Integer> acknowledged = new CopyOnWriteArrayList<>();
        long[] highWater = {0};
        // Four sources publish pages of 500 at once: four times what the buffer holds.
        List<CompletableFuture<Void>> sources = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            int source = s;
            sources.add(CompletableFuture.runAsync(() -> {
                publisher.publish(posts.subList(source * 500, source * 500 + 500)).await()
                        .atMost(Duration.ofSeconds(90));
                acknowledged.add(source);
            }));
        }
        CompletableFuture<Void> source = CompletableFuture.allOf(sources.toArray(CompletableFuture[]::new));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < until) {
            highWater[0] = Math.max(highWater[0], publisher.pending());
            Thread.sleep(20);
        }
        assertTrue(acknowledged.isEmpty(), "no page is acknowledged while Kinesis is unreachable");
        assertFalse(source.isDone(), "the source waits instead of dropping");
        assertEquals(500, highWater[0], "the buffer fills to its 500 records and no further");
        assertTrue(publisher.stats().bufferFullWaits() > 0, "sources were made to wait");

        wireMock.removeStub(down);
        source.get(90, TimeUnit.SECONDS);

        assertEquals(4, acknowledged.size());
        try (KinesisClient kinesis = emulators.kinesis()) {
            List<StreamContents.Entry> stored = StreamContents.all(kinesis, stream);
            assertEquals(2000, stored.size(), "every post arrived, none twice");
            assertEquals(2000, stored.stream().map(StreamContents.Entry::partitionKey).distinct().count());
        }
    }

    @Test
    void keepsGoingWhenEveryRequestSlotIsBusyAsTheLingerTimerFires() throws Exception {
        publisher.close(Duration.ZERO);
        PublisherSettings settings = new PublisherSettings(stream, 10_000, 64L << 20, Duration.ofMillis(10), 1,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)));
        publisher = new KinesisPublisher(client, settings, new S3DeadLetters(new ObjectStore(s3, bucket), "lake"));
        // A slow Kinesis: each request takes half a second while new posts keep arriving.
        wireMock.stubFor(putRecords().willReturn(aResponse().proxiedFrom(emulators.kinesisEndpoint().toString())
                .withFixedDelay(500)));
        List<Post> posts = TestPosts.make(stream, 100, "slow");
        List<CompletableFuture<Void>> pages = new ArrayList<>();
        for (int page = 0; page < 10; page++) {
            pages.add(publisher.publish(posts.subList(page * 10, page * 10 + 10)).subscribeAsCompletionStage());
            Thread.sleep(30);
        }

        CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        try (KinesisClient kinesis = emulators.kinesis()) {
            assertEquals(100, StreamContents.all(kinesis, stream).size());
        }
    }

    private static MappingBuilder putRecords() {
        return post(anyUrl()).atPriority(1).withHeader("X-Amz-Target", equalTo(PUT_RECORDS));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    private List<LoggedRequest> putRequests() {
        List<LoggedRequest> requests = new ArrayList<>(
                wireMock.findAll(postRequestedFor(anyUrl()).withHeader("X-Amz-Target", equalTo(PUT_RECORDS))));
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return requests;
    }

    private static JsonNode body(LoggedRequest request) {
        try {
            return PostCodec.mapper().readTree(request.getBody());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> partitionKeys(LoggedRequest request) {
        List<String> keys = new ArrayList<>();
        body(request).get("Records").forEach(entry -> keys.add(entry.get("PartitionKey").asText()));
        return keys;
    }

    private static Post withText(Post p, String text) {
        return p.toBuilder().text(text).build();
    }
}
