package io.socialpulse.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.socialpulse.post.PostCodec;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.read.StreamRecord;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.HttpFaultProxy;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Large objects go to S3 as multipart uploads while the roll is open, through a fault-injecting
 * HTTP relay in front of the S3 emulator (WireMock cannot pass a part on, see {@link HttpFaultProxy}): memory stays at about one part, each step of the upload survives failures, and
 * no upload is left behind by a writer that died mid-roll.
 */
class LakeMultipartTest {

    private static final String SHARD = "shardId-000000000000";
    private static final long PART = RollPolicy.MIN_PART_BYTES;
    private static final int FAILURES = 4;

    private final Emulators emulators = Emulators.get();
    private final LakeLayout layout = new LakeLayout("lake", "posts");
    private final LakeStats stats = new LakeStats();
    private HttpFaultProxy proxy;
    private String bucket;
    private S3AsyncClient s3;
    private S3Client sync;

    @BeforeEach
    void start() {
        bucket = emulators.createBucket("multipart");
        proxy = HttpFaultProxy.start(emulators.s3Endpoint().getPort());
        s3 = S3AsyncClient.builder().region(Emulators.REGION).credentialsProvider(Emulators.credentials())
                .endpointOverride(URI.create(proxy.baseUrl())).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build();
        sync = emulators.s3();
    }

    @AfterEach
    void stop() {
        proxy.close();
        s3.close();
        sync.close();
    }

    private ShardWriter writer() {
        return new ShardWriter(SHARD, layout, new ObjectStore(s3, bucket),
                new RollPolicy(64L << 20, Duration.ofHours(1), PART), Clock.systemUTC(), PostCodec.mapper(), stats,
                new PostIdWindow(Duration.ofMinutes(15), 100_000));
    }

    /** About 13 MiB of gzip in one partition: two full parts and a last one. */
    private static List<StreamRecord> bulky() {
        return TestPosts.bulky(SHARD, "big", 4400, 4096);
    }

    private List<String> uploadsInProgress() {
        return sync.listMultipartUploads(r -> r.bucket(bucket).prefix("lake/")).uploads().stream()
                .map(u -> u.key() + " " + u.uploadId()).toList();
    }

    private void assertOneObjectHoldingEveryRecord(List<StreamRecord> records) {
        List<String> keys = Lake.keys(sync, bucket, "lake/posts/");
        assertEquals(1, keys.size(), keys.toString());
        long size = sync.headObject(r -> r.bucket(bucket).key(keys.get(0))).contentLength();
        assertTrue(size > 2 * PART, "the object is larger than two parts: " + size);
        List<String> ids = Lake.ids(Lake.lines(sync, bucket, "lake/posts/")); // one complete gzip stream
        assertEquals(records.size(), ids.size(), "no record twice");
        assertEquals(records.stream().map(r -> r.post().id()).collect(Collectors.toSet()), new HashSet<>(ids));
        assertEquals(List.of(), uploadsInProgress(), "no upload left behind");
    }

    @Test
    void aLargeObjectIsSentInPartsWhileTheRollIsOpenSoMemoryStaysAtAboutOnePart() {
        List<StreamRecord> records = bulky();
        ShardWriter writer = writer();
        writer.restart().await().atMost(Duration.ofSeconds(30));
        long most = 0;
        for (int i = 0; i < records.size(); i += 40) {
            writer.accept(records.subList(i, Math.min(records.size(), i + 40))).await().atMost(Duration.ofSeconds(30));
            most = Math.max(most, writer.heldBytes());
        }
        assertTrue(most < PART + (256 << 10), "held at most " + most + " bytes for a part of " + PART);
        assertEquals(1, uploadsInProgress().size(), "one upload open before the roll commits");
        writer.flush("stop").await().atMost(Duration.ofSeconds(60));

        assertOneObjectHoldingEveryRecord(records);
        assertEquals(stats.bytes(), sync.headObject(r -> r.bucket(bucket)
                .key(Lake.keys(sync, bucket, "lake/posts/").get(0))).contentLength());
        assertEquals(3, proxy.count(PART_UPLOAD), "two full parts and the last");
    }

    private static final Predicate<HttpFaultProxy.Request> START = HttpFaultProxy.request("POST",
            ".*/lake/posts/.*\\?uploads.*");
    private static final Predicate<HttpFaultProxy.Request> PART_UPLOAD = HttpFaultProxy
            .request("PUT", ".*/lake/posts/.*\\?.*partNumber=.*");
    private static final Predicate<HttpFaultProxy.Request> COMPLETE = HttpFaultProxy.request("POST",
            ".*/lake/posts/.*\\?uploadId=.*");

    @Test
    void everyStepOfTheUploadSurvivesServerErrorsSlowDownsAndResets() {
        // More failures in a row than the SDK's three attempts: the lake's own retries are needed too.
        proxy.fail(START, FAILURES, 500, "InternalError");
        proxy.fail(PART_UPLOAD, FAILURES, 503, "SlowDown");
        proxy.reset(COMPLETE, FAILURES);

        List<StreamRecord> records = bulky();
        ShardWriter writer = writer();
        writer.restart().await().atMost(Duration.ofSeconds(30));
        writer.accept(records).await().atMost(Duration.ofSeconds(120));
        writer.flush("stop").await().atMost(Duration.ofSeconds(120));

        assertOneObjectHoldingEveryRecord(records);
        // Each step met every injected failure before it went through.
        assertTrue(proxy.count(START) >= FAILURES + 1, "starts: " + proxy.count(START));
        assertTrue(proxy.count(PART_UPLOAD) >= FAILURES + 3, "parts: " + proxy.count(PART_UPLOAD));
        assertTrue(proxy.count(COMPLETE) >= FAILURES + 1, "completes: " + proxy.count(COMPLETE));
    }

    @Test
    void aWriterThatDiedMidRollLeavesNoUploadBehindAfterTheRestart() {
        List<StreamRecord> records = bulky();
        ShardWriter dead = writer();
        dead.restart().await().atMost(Duration.ofSeconds(30));
        dead.accept(records.subList(0, 2000)).await().atMost(Duration.ofSeconds(60));
        assertEquals(1, uploadsInProgress().size(), "a part went out before the crash");

        ShardWriter restarted = writer(); // the process died: nothing of the first writer is left
        restarted.restart().await().atMost(Duration.ofSeconds(30));
        assertEquals(List.of(), uploadsInProgress(), "the restart aborted the dead writer's upload");
        restarted.accept(records).await().atMost(Duration.ofSeconds(60));
        restarted.flush("stop").await().atMost(Duration.ofSeconds(60));

        assertOneObjectHoldingEveryRecord(records);
    }

    @Test
    void aRollWhoseRangeAnotherWriterHoldsStartsNoUpload() {
        List<StreamRecord> records = bulky();
        ShardWriter winner = writer();
        ShardWriter loser = writer();
        winner.restart().await().atMost(Duration.ofSeconds(30));
        loser.restart().await().atMost(Duration.ofSeconds(30));
        winner.accept(records.subList(0, 100)).await().atMost(Duration.ofSeconds(30));
        winner.flush("age").await().atMost(Duration.ofSeconds(30));
        // The loser finds the other manifest before it sends its first part.
        Assertions.assertThrows(RollTakenException.class,
                () -> loser.accept(records.subList(0, 4000)).await().atMost(Duration.ofSeconds(60)));
        assertEquals(0, proxy.count(START), "no upload started for a range another writer holds");
        assertEquals(List.of(), uploadsInProgress());
        loser.restart().await().atMost(Duration.ofSeconds(30));
        loser.accept(records.subList(100, records.size())).await().atMost(Duration.ofSeconds(60));
        loser.flush("stop").await().atMost(Duration.ofSeconds(60));
        List<Lake.Line> lines = Lake.lines(sync, bucket, "lake/posts/");
        List<String> ids = Lake.ids(lines);
        assertEquals(records.size(), ids.size(), "no record twice: " + lines.stream()
                .collect(Collectors.groupingBy(Lake.Line::key, Collectors.counting())));
        assertEquals(records.size(), new HashSet<>(ids).size());
        assertEquals(List.of(), uploadsInProgress());
    }

    @Test
    void aReplayAfterACrashBeforeTheCheckpointDoesNotUploadAnObjectAgain() {
        List<StreamRecord> records = bulky();
        ShardWriter first = writer();
        first.restart().await().atMost(Duration.ofSeconds(30));
        first.accept(records).await().atMost(Duration.ofSeconds(60));
        first.flush("stop").await().atMost(Duration.ofSeconds(60));
        long started = proxy.count(START);
        // The process died after the object, before the checkpoint.
        sync.deleteObject(r -> r.bucket(bucket).key(layout.checkpointKey(SHARD)));

        ShardWriter replaying = writer();
        replaying.restart().await().atMost(Duration.ofSeconds(30));
        replaying.accept(records).await().atMost(Duration.ofSeconds(60));

        assertEquals(started, proxy.count(START), "the replay found the object and sent no part of it");
        assertOneObjectHoldingEveryRecord(records);
        String checkpoint = new String(sync.getObjectAsBytes(r -> r.bucket(bucket).key(layout.checkpointKey(SHARD)))
                .asByteArray());
        assertTrue(checkpoint.contains("\"lastSequence\":\"" + (1000 + records.size()) + "\""), checkpoint);
    }
}
