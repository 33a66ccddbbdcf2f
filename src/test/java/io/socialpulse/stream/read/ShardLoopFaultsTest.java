package io.socialpulse.stream.read;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.smallrye.mutiny.Uni;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * A shard read through WireMock in front of the Kinesis emulator, with GetRecords answered
 * ProvisionedThroughputExceededException several times in a row (more reads than the shard's
 * five a second), or ExpiredIteratorException (a read after more than five minutes): the reader
 * backs off or takes a new iterator and goes on from where it was, without restarting the
 * listeners, so every record arrives once and in order.
 */
class ShardLoopFaultsTest {

    private static final String SHARD = "shardId-000000000000";

    private final Emulators emulators = Emulators.get();
    private WireMockServer wireMock;
    private KinesisAsyncClient client;
    private String cbor;

    @BeforeEach
    void start() {
        // JSON on the wire, for WireMock to answer in.
        cbor = System.setProperty("aws.cborEnabled", "false");
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        wireMock.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(aResponse().proxiedFrom(emulators.kinesisEndpoint().toString())));
        client = Emulators.kinesisAsync(URI.create(wireMock.baseUrl()));
    }

    @AfterEach
    void stop() {
        client.close();
        wireMock.stop();
        if (cbor == null) {
            System.clearProperty("aws.cborEnabled");
        } else {
            System.setProperty("aws.cborEnabled", cbor);
        }
    }

    @Test
    void aThrottledReadBacksOffAndResumesWithoutRestartingTheListeners() {
        readThrough("ProvisionedThroughputExceededException", 4, "Rate exceeded for shard " + SHARD);
    }

    @Test
    void anExpiredIteratorIsReplacedAfterTheLastRecordDelivered() {
        readThrough("ExpiredIteratorException", 1, "Iterator expired. The iterator was created at time X");
    }

    /** The first page passes, then {@code times} reads in a row get {@code error}; the rest pass. */
    private void readThrough(String error, int times, String message) {
        String stream = emulators.createStream("throttled", 1);
        List<Post> posts = TestPosts.make(stream, 30, "throttle");
        try (KinesisClient kinesis = emulators.kinesis()) {
            kinesis.putRecords(r -> r.streamName(stream).records(posts.stream()
                    .map(p -> PutRecordsRequestEntry.builder().partitionKey(p.id())
                            .data(SdkBytes.fromByteArray(PostCodec.encode(p))).build())
                    .toList()));
        }
        wireMock.stubFor(post(anyUrl()).atPriority(1).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .withHeader("X-Amz-Target", equalTo("Kinesis_20131202.GetRecords")).willSetStateTo("read-once")
                .willReturn(aResponse().proxiedFrom(emulators.kinesisEndpoint().toString())));
        String state = "read-once";
        for (int i = 1; i <= times; i++) {
            wireMock.stubFor(post(anyUrl()).atPriority(1).inScenario("throttle").whenScenarioStateIs(state)
                    .withHeader("X-Amz-Target", equalTo("Kinesis_20131202.GetRecords"))
                    .willSetStateTo("throttled-" + i)
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody("{\"__type\":\"" + error + "\",\"message\":\"" + message + "\"}")));
            state = "throttled-" + i;
        }
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger starts = new AtomicInteger();
        ShardListener listener = (shardId, records) -> {
            records.forEach(r -> received.add(r.post().id()));
            return Uni.createFrom().voidItem();
        };
        CheckpointSource fromTheStart = shardId -> {
            starts.incrementAndGet();
            return Uni.createFrom().item(Optional.empty());
        };
        ShardLoop loop = new ShardLoop(SHARD, new ReaderSettings(stream, Duration.ofMillis(100), 10,
                Duration.ofSeconds(60)), client, List.of(listener), Optional.of(fromTheStart));
        var run = loop.run().subscribeAsCompletionStage();

        Eventually.get(Duration.ofSeconds(60), () -> received.size(), n -> n >= posts.size());
        loop.stop(System.nanoTime());
        run.join();

        assertEquals(posts.stream().map(Post::id).toList(), received, "every record once, in order");
        assertEquals(1, starts.get(), "not a restart from the checkpoint");
        wireMock.verify(moreThanOrExactly(1 + times + 2), postRequestedFor(anyUrl())
                .withHeader("X-Amz-Target", equalTo("Kinesis_20131202.GetRecords")));
    }
}
