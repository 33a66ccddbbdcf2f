package io.socialpulse.lake;

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

import io.socialpulse.post.Post;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.ServiceProcess;
import io.socialpulse.testing.TestPosts;

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
        // A sequence number of another stream: what a checkpoint looks like after the stream was re-created.
        String other = emulators.createStream("other", 1);
        String gone;
        try (var kinesis = emulators.kinesis()) {
            gone = kinesis.putRecord(r -> r.streamName(other).partitionKey("k")
                    .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{}"))).sequenceNumber();
        }
        try (S3Client s3 = emulators.s3()) {
            s3.putObject(
                    r -> r.bucket(bucket).key("social-pulse/_checkpoints/" + stream + "/shardId-000000000000.json"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("{\"stream\":\"" + stream
                            + "\",\"shardId\":\"shardId-000000000000\",\"lastSequence\":\"" + gone + "\"}"));
            try (ServiceProcess service = ServiceProcess.start("expired", env(stream, bucket, file))) {
                List<String> ids = awaitIds(s3, bucket, ids(posts));
                assertEquals(ids(posts), new HashSet<>(ids));
                assertTrue(service.output().contains("the checkpoint's sequence number " + gone
                        + " is no longer in the stream"), service.output());
                service.terminate(Duration.ofSeconds(30));
            }
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
