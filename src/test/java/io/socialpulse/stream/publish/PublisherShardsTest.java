package io.socialpulse.stream.publish;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.socialpulse.lake.DeadLetter;
import io.socialpulse.lake.S3DeadLetters;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.Backoff;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.JsonWire;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.StreamContents;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The publisher's answers to Kinesis's error codes, shard by shard. WireMock passes every call
 * to the emulator and, for the shard the test names, rewrites the emulator's answer into the
 * throughput-exceeded error Kinesis gives an overloaded shard.
 */
@ExtendWith(JsonWire.class)
class PublisherShardsTest {

    private static final String PUT_RECORDS = "Kinesis_20131202.PutRecords";
    private static final AtomicReference<String> throttled = new AtomicReference<>();
    private static final AtomicInteger throttleAnswers = new AtomicInteger();

    private static Emulators emulators;
    private WireMockServer wireMock;
    private KinesisAsyncClient client;
    private S3AsyncClient s3;
    private String stream;
    private String bucket;
    private KinesisPublisher publisher;
    private ShardMap shards;

    /** Turns the emulator's success for the throttled shard's entries into ProvisionedThroughputExceeded. */
    public static final class ThrottleShard implements ResponseTransformerV2 {
        @Override
        public Response transform(Response response, ServeEvent event) {
            String shard = throttled.get();
            if (shard == null || !PUT_RECORDS.equals(event.getRequest().getHeader("X-Amz-Target"))) {
                return response;
            }
            try {
                ObjectNode body = (ObjectNode) PostCodec.mapper().readTree(response.getBodyAsString());
                int failed = 0;
                for (JsonNode entry : body.get("Records")) {
                    if (shard.equals(entry.path("ShardId").asText())) {
                        ((ObjectNode) entry).removeAll().put("ErrorCode", "ProvisionedThroughputExceededException")
                                .put("ErrorMessage", "Rate exceeded for shard " + shard + " in stream");
                        failed++;
                    }
                }
                if (failed > 0) {
                    throttleAnswers.incrementAndGet();
                }
                body.put("FailedRecordCount", failed);
                // The emulator's Content-Length no longer fits the rewritten body.
                HttpHeaders headers = new HttpHeaders(
                        response.getHeaders().all().stream().filter(h -> !h.keyEquals("Content-Length")).toList());
                return Response.Builder.like(response).but().headers(headers).body(body.toString()).build();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String getName() {
            return "throttle-shard";
        }
    }

    @BeforeAll
    static void emulators() {
        emulators = Emulators.get();
    }

    @BeforeEach
    void start() {
        throttled.set(null);
        throttleAnswers.set(0);
        stream = emulators.createStream("shards", 2);
        bucket = emulators.createBucket("dead");
        try (KinesisClient kinesis = emulators.kinesis()) {
            shards = ShardMap.of(kinesis.listShards(r -> r.streamName(stream)).shards());
        }
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(new ThrottleShard()));
        wireMock.start();
        wireMock.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(aResponse().proxiedFrom(emulators.kinesisEndpoint().toString())));
        client = Emulators.kinesisAsync(URI.create(wireMock.baseUrl()));
        s3 = emulators.s3Async();
        publisher = publisher(settings());
    }

    private PublisherSettings settings() {
        return new PublisherSettings(stream, 10_000, 64L << 20, Duration.ofMillis(50), 4,
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)));
    }

    private KinesisPublisher publisher(PublisherSettings settings) {
        return new KinesisPublisher(client, settings, new S3DeadLetters(new ObjectStore(s3, bucket), "lake"));
    }

    @AfterEach
    void stop() {
        throttled.set(null);
        publisher.close(Duration.ofSeconds(1));
        wireMock.stop();
        client.close();
        s3.close();
    }

    private List<Post> on(String shard, List<Post> posts) {
        return posts.stream().filter(p -> shards.shardOf(p.id()).equals(shard)).toList();
    }

    @Test
    void aThrottledShardRestsAloneWhileTheOtherShardKeepsGoing() throws Exception {
        List<Post> posts = TestPosts.make(stream, 200, "hot");
        String hot = shards.shardIds().get(0);
        String cool = shards.shardIds().get(1);
        throttled.set(hot);

        CompletableFuture<Void> hotPage = publisher.publish(on(hot, posts)).subscribeAsCompletionStage();
        CompletableFuture<Void> coolPage = publisher.publish(on(cool, posts)).subscribeAsCompletionStage();

        coolPage.get(20, TimeUnit.SECONDS);
        assertFalse(hotPage.isDone(), "the throttled shard's posts wait");
        int before = throttleAnswers.get();
        Thread.sleep(2000);
        int during = throttleAnswers.get() - before;
        // The shard rests with a growing backoff (100 ms doubling to 400 ms): a handful of tries in
        // two seconds, not the hundreds a loop without backoff would make.
        assertTrue(during >= 2 && during <= 12, during + " tries on the throttled shard in 2 s");

        throttled.set(null);
        hotPage.get(20, TimeUnit.SECONDS);
        assertTrue(publisher.stats().shardThrottles() >= during);
        assertEquals(0, publisher.stats().deadLetteredCount());
        try (KinesisClient kinesis = emulators.kinesis()) {
            assertEquals(posts.stream().map(Post::id).collect(Collectors.toSet()), StreamContents.all(kinesis, stream)
                    .stream().map(StreamContents.Entry::partitionKey).collect(Collectors.toSet()));
        }
    }

    @Test
    void aPostThatUsesUpItsAttemptsGoesToTheDeadLetterWithTheBytesAndTheReason() throws Exception {
        publisher.close(Duration.ZERO);
        publisher = publisher(settings().withRetries(3, Duration.ofMinutes(10)));
        String hot = shards.shardIds().get(0);
        List<Post> posts = on(hot, TestPosts.make(stream, 40, "exhausted")).subList(0, 5);
        throttled.set(hot);

        publisher.publish(posts).await().atMost(Duration.ofSeconds(30));

        assertEquals(5, publisher.stats().deadLetteredCount());
        try (S3Client sync = emulators.s3()) {
            List<String> keys = Lake.keys(sync, bucket, "lake/dead-letter/publisher/");
            assertEquals(5, keys.size());
            Set<String> ids = new HashSet<>();
            for (String key : keys) {
                DeadLetter letter = PostCodec.mapper().readValue(
                        sync.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray(), DeadLetter.class);
                assertTrue(letter.reason().contains("after 3 refusals"), letter.reason());
                assertTrue(letter.reason().contains("ProvisionedThroughputExceededException"), letter.reason());
                ids.add(PostCodec.decode(letter.data()).id());
            }
            assertEquals(posts.stream().map(Post::id).collect(Collectors.toSet()), ids);
        }
    }

    @Test
    void kmsThrottlingSlowsEverythingDownAndLosesNothing() {
        wireMock.stubFor(post(anyUrl()).atPriority(1).withHeader("X-Amz-Target", equalTo(PUT_RECORDS))
                .inScenario("kms").whenScenarioStateIs("Started").willSetStateTo("once")
                .willReturn(error("KMSThrottlingException", "Rate exceeded for KMS key")));
        wireMock.stubFor(post(anyUrl()).atPriority(1).withHeader("X-Amz-Target", equalTo(PUT_RECORDS))
                .inScenario("kms").whenScenarioStateIs("once").willSetStateTo("passed")
                .willReturn(error("KMSThrottlingException", "Rate exceeded for KMS key")));
        List<Post> posts = TestPosts.make(stream, 50, "kms");

        publisher.publish(posts).await().atMost(Duration.ofSeconds(20));

        assertEquals(2L, publisher.stats().failuresByCode().get("KMSThrottlingException"));
        assertEquals(0, publisher.stats().deadLetteredCount());
        try (KinesisClient kinesis = emulators.kinesis()) {
            assertEquals(50, StreamContents.all(kinesis, stream).size());
        }
    }

    @Test
    void anInvalidRequestGoesStraightToTheDeadLetterWithoutARetry() throws Exception {
        wireMock.stubFor(post(anyUrl()).atPriority(1).withHeader("X-Amz-Target", equalTo(PUT_RECORDS))
                .willReturn(error("ValidationException", "1 validation error detected")));
        List<Post> posts = TestPosts.make(stream, 3, "invalid");

        publisher.publish(posts).await().atMost(Duration.ofSeconds(20));

        assertEquals(1, wireMock.findAll(WireMock.postRequestedFor(anyUrl())
                .withHeader("X-Amz-Target", equalTo(PUT_RECORDS))).size(), "no retry");
        assertEquals(3, publisher.stats().deadLetteredCount());
        try (S3Client sync = emulators.s3()) {
            String key = Lake.keys(sync, bucket, "lake/dead-letter/publisher/").get(0);
            DeadLetter letter = PostCodec.mapper().readValue(
                    sync.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray(), DeadLetter.class);
            assertTrue(letter.reason().contains("ValidationException"), letter.reason());
        }
    }

    @Test
    void aPostOverTheRecordLimitGoesOutWithoutItsRawPayload() throws Exception {
        Post post = TestPosts.make(stream, 1, "shed").get(0);
        ObjectNode raw = PostCodec.mapper().createObjectNode().put("media", "z".repeat(1100 * 1024));
        Post big = post.toBuilder().raw(raw).build();

        publisher.publish(List.of(big)).await().atMost(Duration.ofSeconds(20));

        assertEquals(1, publisher.stats().shedPosts());
        assertEquals(0, publisher.stats().deadLetteredCount());
        try (KinesisClient kinesis = emulators.kinesis()) {
            List<StreamContents.Entry> stored = StreamContents.all(kinesis, stream);
            assertEquals(1, stored.size());
            Post arrived = PostCodec.decode(stored.get(0).data().getBytes(StandardCharsets.UTF_8));
            assertEquals(post.text(), arrived.text(), "the normalized post is whole");
            assertNull(arrived.raw(), "only the raw payload was shed");
        }
    }

    @Test
    void reshardingIsNoticedAndTheBudgetsFollowTheNewShards() {
        publisher.close(Duration.ZERO);
        publisher = publisher(settings().withRate(95, Duration.ofSeconds(1)));
        publisher.publish(TestPosts.make(stream, 20, "before")).await().atMost(Duration.ofSeconds(20));
        try (KinesisClient kinesis = emulators.kinesis()) {
            kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(4)
                    .scalingType(ScalingType.UNIFORM_SCALING));
            List<String> open = Eventually.get(Duration.ofSeconds(30),
                    () -> ShardMap.of(kinesis.listShards(r -> r.streamName(stream)).shards()).shardIds(),
                    ids -> ids.size() == 4);
            Eventually.get(Duration.ofSeconds(30), publisher::openShards, open::equals);
        }
        publisher.publish(TestPosts.make(stream, 20, "after")).await().atMost(Duration.ofSeconds(20));
        assertEquals(0, publisher.stats().deadLetteredCount());
    }

    private static ResponseDefinitionBuilder error(String type, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-ErrorType", type)
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }
}
