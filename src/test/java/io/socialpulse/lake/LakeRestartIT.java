package io.socialpulse.lake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.socialpulse.post.Post;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.ServiceProcess;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The packaged service, killed and started again, resumes each shard after its checkpoint. */
class LakeRestartIT {

    @Test
    void afterACrashTheWriterResumesFromItsCheckpointWithoutWritingAnyRecordTwice() {
        Emulators emulators = Emulators.get();
        String stream = emulators.createStream("restart", 2);
        String bucket = emulators.createBucket("restart");
        List<Post> first = TestPosts.make(stream + "-a", 200, "first");
        List<Post> second = TestPosts.make(stream + "-b", 200, "second");
        Path root = Emulators.projectRoot();
        Path fileA = TestPosts.writeNdjson(root.resolve("target/test-data/" + stream + "-a.ndjson"), first);
        Path fileB = TestPosts.writeNdjson(root.resolve("target/test-data/" + stream + "-b.ndjson"), second);

        try (S3Client s3 = emulators.s3()) {
            try (ServiceProcess service = ServiceProcess.start("restart-1", env(stream, bucket, fileA))) {
                awaitIds(s3, bucket, ids(first));
                service.kill();
            }
            try (ServiceProcess service = ServiceProcess.start("restart-2", env(stream, bucket, fileB))) {
                Set<String> all = new HashSet<>(ids(first));
                all.addAll(ids(second));
                List<String> ids = awaitIds(s3, bucket, all);
                assertEquals(all, new HashSet<>(ids));
                assertEquals(all.size(), ids.size(), "no record is in the lake twice");
                String output = service.output();
                assertTrue(output.contains("shardId-000000000000: reading after sequence number"), output);
                assertTrue(output.contains("shardId-000000000001: reading after sequence number"), output);
                assertFalse(output.contains("from the oldest record"), output);
                service.terminate(Duration.ofSeconds(30));
            }
        }
    }

    @Test
    void aCheckpointNoLongerInTheStreamIsReportedAndReadingStartsAtTheOldestRecord() {
        Emulators emulators = Emulators.get();
        String stream = emulators.createStream("expired", 1);
        String bucket = emulators.createBucket("expired");
        List<Post> posts = TestPosts.make(stream, 50, "expired");
        Path file = TestPosts.writeNdjson(Emulators.projectRoot().resolve("target/test-data/" + stream + ".ndjson"),
                posts);
        String gone = "49680000000000000000000000000000000000000000000000000002";
        // Kinesis answers InvalidArgumentException for a sequence number that is not in the shard; the
        // emulator does not always, so WireMock in front of it gives Kinesis's answer.
        WireMockServer kinesisFront = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        kinesisFront.start();
        try (S3Client s3 = emulators.s3()) {
            kinesisFront.stubFor(any(anyUrl()).atPriority(10)
                    .willReturn(aResponse().proxiedFrom(emulators.kinesisEndpoint().toString())));
            kinesisFront.stubFor(post(anyUrl()).atPriority(1)
                    .withHeader("X-Amz-Target", equalTo("Kinesis_20131202.GetShardIterator"))
                    .withRequestBody(containing(gone))
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody("{\"__type\":\"InvalidArgumentException\",\"message\":\"StartingSequenceNumber "
                                    + gone + " used in GetShardIterator on shard shardId-000000000000 in stream "
                                    + stream + " is invalid.\"}")));
            s3.putObject(
                    r -> r.bucket(bucket).key("social-pulse/_checkpoints/" + stream + "/shardId-000000000000.json"),
                    RequestBody.fromString("{\"stream\":\"" + stream
                            + "\",\"shardId\":\"shardId-000000000000\",\"lastSequence\":\"" + gone + "\"}"));
            Map<String, String> env = env(stream, bucket, file);
            env.put("KINESIS_ENDPOINT", kinesisFront.baseUrl());
            env.put("JAVA_TOOL_OPTIONS", "-Daws.cborEnabled=false"); // JSON on the wire, for WireMock to answer in
            try (ServiceProcess service = ServiceProcess.start("expired", env)) {
                List<String> ids = awaitIds(s3, bucket, ids(posts));
                assertEquals(ids(posts), new HashSet<>(ids));
                assertTrue(service.output().contains("the checkpoint's sequence number " + gone
                        + " is no longer in the stream"), service.output());
                service.terminate(Duration.ofSeconds(30));
            }
        } finally {
            kinesisFront.stop();
        }
    }

    private static Map<String, String> env(String stream, String bucket, Path replay) {
        Map<String, String> env = ServiceProcess.environment(stream, bucket);
        env.put("LAKE_ROLL_AGE", "1s");
        env.put("SOURCES_ENABLED", "replay");
        env.put("SOURCES_REPLAY_FILES", replay.toString());
        return env;
    }

    private static Set<String> ids(List<Post> posts) {
        return posts.stream().map(Post::id).collect(Collectors.toSet());
    }

    private static List<String> awaitIds(S3Client s3, String bucket, Set<String> expected) {
        return Eventually.get(Duration.ofSeconds(90), () -> Lake.ids(Lake.lines(s3, bucket, "social-pulse/posts/")),
                ids -> new HashSet<>(ids).containsAll(expected));
    }
}
