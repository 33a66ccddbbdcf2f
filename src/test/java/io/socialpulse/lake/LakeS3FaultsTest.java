package io.socialpulse.lake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.socialpulse.post.PostCodec;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.read.StreamRecord;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The lake's writes through WireMock in front of the S3 emulator: each kind of write (the roll's
 * manifest, its object, the checkpoint) fails more times in a row than the SDK retries on its own
 * (503 SlowDown, 500 InternalError, connections reset), then reaches the emulator. The roll still
 * commits, with every record in exactly one object and the checkpoint past the last one.
 */
class LakeS3FaultsTest {

    private static final String SHARD = "shardId-000000000000";
    /** More failures in a row than the SDK's three attempts, so the lake's own retries are needed too. */
    private static final int FAILURES = 4;

    private final Emulators emulators = Emulators.get();
    private final LakeLayout layout = new LakeLayout("lake", "posts");
    private final LakeStats stats = new LakeStats();
    private WireMockServer wireMock;
    private String bucket;
    private S3AsyncClient s3;
    private S3Client sync;
    private List<StreamRecord> records;

    @BeforeEach
    void start() {
        bucket = emulators.createBucket("faults");
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .notifier(new ConsoleNotifier(true)));
        wireMock.start();
        wireMock.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(aResponse().proxiedFrom(emulators.s3Endpoint().toString())));
        s3 = S3AsyncClient.builder().region(Emulators.REGION).credentialsProvider(Emulators.credentials())
                .endpointOverride(URI.create(wireMock.baseUrl())).forcePathStyle(true)
                // Plain bodies rather than aws-chunked ones with a checksum trailer: WireMock reads a
                // gzip-encoded chunked body as gzip and cannot pass it on.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build();
        sync = emulators.s3();
        records = TestPosts.records(SHARD, "f", 10);
    }

    @AfterEach
    void stop() {
        wireMock.stop();
        s3.close();
        sync.close();
    }

    /** PUTs to paths matching {@code path} get {@code answer} {@link #FAILURES} times, then pass through. */
    private void failing(String name, String path, ResponseDefinitionBuilder answer) {
        String state = Scenario.STARTED;
        for (int i = 1; i <= FAILURES; i++) {
            String next = name + "-" + i;
            wireMock.stubFor(put(urlPathMatching(path)).atPriority(1).inScenario(name).whenScenarioStateIs(state)
                    .willSetStateTo(next).willReturn(answer));
            state = next;
        }
    }

    private static ResponseDefinitionBuilder s3Error(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                        + "</Code><Message>injected</Message><RequestId>r1</RequestId></Error>");
    }

    @Test
    void slowDownsServerErrorsAndResetsOnEveryWriteAreRetriedAndTheRollCommitsOnce() {
        String manifests = "/" + bucket + "/lake/_manifests/.*";
        String objects = "/" + bucket + "/lake/posts/.*\\.jsonl\\.gz";
        String checkpoints = "/" + bucket + "/lake/_checkpoints/.*";
        failing("manifest", manifests, s3Error(500, "InternalError"));
        failing("object", objects, s3Error(503, "SlowDown"));
        failing("checkpoint", checkpoints, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        ShardWriter writer = new ShardWriter(SHARD, layout, new ObjectStore(s3, bucket),
                new RollPolicy(64 << 20, Duration.ofHours(1)), Clock.systemUTC(), PostCodec.mapper(), stats,
                new PostIdWindow(Duration.ofMinutes(15), 100_000));
        assertEquals(Optional.empty(), writer.restart().await().atMost(Duration.ofSeconds(60)));
        writer.accept(records).await().atMost(Duration.ofSeconds(60));
        writer.flush("stop").await().atMost(Duration.ofSeconds(120));

        List<String> ids = Lake.ids(Lake.lines(sync, bucket, "lake/posts/"));
        assertEquals(records.stream().map(r -> r.post().id()).collect(Collectors.toSet()), new HashSet<>(ids));
        assertEquals(records.size(), ids.size(), "no record twice");
        List<String> keys = Lake.keys(sync, bucket, "lake/posts/");
        assertTrue(keys.stream().allMatch(k -> k.endsWith(SHARD + "-1001.jsonl.gz")), "one roll: " + keys);
        String checkpoint = new String(sync.getObjectAsBytes(r -> r.bucket(bucket).key(layout.checkpointKey(SHARD)))
                .asByteArray());
        assertTrue(checkpoint.contains("\"lastSequence\":\"1010\""), checkpoint);
        assertEquals(keys.size(), stats.objects());
        assertEquals(records.size(), stats.records());
        // Each write met every injected failure before it went through.
        wireMock.verify(moreThanOrExactly(FAILURES + 1), putRequestedFor(urlPathMatching(manifests)));
        wireMock.verify(moreThanOrExactly(FAILURES + 1), putRequestedFor(urlPathMatching(objects)));
        wireMock.verify(moreThanOrExactly(FAILURES + 1), putRequestedFor(urlPathMatching(checkpoints)));
    }
}
