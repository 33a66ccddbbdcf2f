package io.socialpulse.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.socialpulse.post.PostCodec;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.read.StreamRecord;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The commit protocol against the S3 emulator, with crashes simulated by removing what they would not have written. */
class ShardWriterTest {

    private static final String SHARD = "shardId-000000000000";

    private final Emulators emulators = Emulators.get();
    private final LakeLayout layout = new LakeLayout("lake", "posts");
    private String bucket;
    private S3AsyncClient s3;
    private S3Client sync;
    private ObjectStore store;
    private List<StreamRecord> records;

    @BeforeEach
    void start() {
        bucket = emulators.createBucket("writer");
        s3 = S3AsyncClient.builder().region(Emulators.REGION).credentialsProvider(Emulators.credentials())
                .endpointOverride(emulators.s3Endpoint()).forcePathStyle(true).build();
        sync = emulators.s3();
        store = new ObjectStore(s3, bucket);
        records = TestPosts.records(SHARD, "w", 10);
    }

    @AfterEach
    void stop() {
        s3.close();
        sync.close();
    }

    private final LakeStats stats = new LakeStats();

    private ShardWriter writer() {
        return new ShardWriter(SHARD, layout, store, new RollPolicy(64 << 20, Duration.ofHours(1)), Clock.systemUTC(),
                PostCodec.mapper(), stats, new PostIdWindow(Duration.ofMinutes(15), 100_000));
    }

    /** The record again under a later sequence number: a PutRecords sent twice. */
    private static StreamRecord again(StreamRecord record, long sequence) {
        return new StreamRecord(SHARD, Long.toString(sequence), Instant.now(), record.data(), record.post(), null);
    }

    private void writeFirstRoll() {
        ShardWriter first = writer();
        assertEquals(Optional.empty(), first.restart().await().indefinitely());
        first.accept(records.subList(0, 6)).await().indefinitely();
        first.flush("stop").await().indefinitely();
    }

    private void replayEverything() {
        ShardWriter second = writer();
        Optional<String> after = second.restart().await().indefinitely();
        assertEquals(Optional.empty(), after, "no checkpoint survived the crash");
        // The reader hands the records again in other batches than the first time.
        second.accept(records.subList(0, 4)).await().indefinitely();
        second.accept(records.subList(4, 10)).await().indefinitely();
        second.flush("stop").await().indefinitely();
    }

    private void assertEveryRecordOnce() {
        List<Lake.Line> lines = Lake.lines(sync, bucket, "lake/posts/");
        List<String> ids = Lake.ids(lines);
        assertEquals(records.stream().map(r -> r.post().id()).collect(Collectors.toSet()),
                new HashSet<>(ids));
        assertEquals(10, ids.size(), "no record twice");
        List<String> keys = Lake.keys(sync, bucket, "lake/posts/");
        assertTrue(keys.stream().anyMatch(k -> k.endsWith(SHARD + "-1001.jsonl.gz")), keys.toString());
        assertTrue(keys.stream().anyMatch(k -> k.endsWith(SHARD + "-1007.jsonl.gz")), keys.toString());
        String checkpoint = new String(sync.getObjectAsBytes(r -> r.bucket(bucket).key(layout.checkpointKey(SHARD)))
                .asByteArray());
        assertTrue(checkpoint.contains("\"lastSequence\":\"1010\""), checkpoint);
    }

    @Test
    void aCrashBeforeTheCheckpointReplaysTheSameRollBoundaries() {
        writeFirstRoll();
        sync.deleteObject(r -> r.bucket(bucket).key(layout.checkpointKey(SHARD)));

        replayEverything();

        assertEveryRecordOnce();
    }

    @Test
    void aCrashBetweenManifestAndObjectsRewritesTheSameObjects() {
        writeFirstRoll();
        sync.deleteObject(r -> r.bucket(bucket).key(layout.checkpointKey(SHARD)));
        for (String key : Lake.keys(sync, bucket, "lake/posts/")) {
            sync.deleteObject(r -> r.bucket(bucket).key(key));
        }

        replayEverything();

        assertEveryRecordOnce();
    }

    @Test
    void resumesAfterTheCheckpoint() {
        writeFirstRoll();
        ShardWriter again = writer();
        assertEquals(Optional.of("1006"), again.restart().await().indefinitely());
    }

    @Test
    void aPostKinesisHoldsTwiceIsWrittenOnceInTheSameRollAndInALaterOne() {
        ShardWriter writer = writer();
        writer.restart().await().indefinitely();
        List<StreamRecord> first = new ArrayList<>(records.subList(0, 5));
        first.add(again(records.get(2), 1100)); // same roll
        writer.accept(first).await().indefinitely();
        writer.flush("stop").await().indefinitely();
        writer.accept(List.of(again(records.get(0), 1101), records.get(5))).await().indefinitely(); // later roll
        writer.flush("stop").await().indefinitely();

        List<String> ids = Lake.ids(Lake.lines(sync, bucket, "lake/posts/"));
        assertEquals(6, ids.size(), ids.toString());
        assertEquals(6, new HashSet<>(ids).size(), "each post once: " + ids);
        assertEquals(2, stats.duplicates());
    }

    @Test
    void aRestartedWriterRemembersThePostIdsOfRecentRolls() {
        ShardWriter writer = writer();
        writer.restart().await().indefinitely();
        writer.accept(records.subList(0, 5)).await().indefinitely();
        writer.flush("stop").await().indefinitely();

        ShardWriter restarted = writer();
        assertEquals(Optional.of("1005"), restarted.restart().await().indefinitely());
        restarted.accept(List.of(again(records.get(1), 1100), again(records.get(4), 1101), records.get(5)))
                .await().indefinitely();
        restarted.flush("stop").await().indefinitely();

        List<String> ids = Lake.ids(Lake.lines(sync, bucket, "lake/posts/"));
        assertEquals(6, ids.size(), ids.toString());
        assertEquals(6, new HashSet<>(ids).size(), "each post once: " + ids);
        assertEquals(2, stats.duplicates());
    }

    @Test
    void aRollCutAgainAfterACrashDropsTheSameDuplicates() {
        ShardWriter writer = writer();
        writer.restart().await().indefinitely();
        writer.accept(records.subList(0, 4)).await().indefinitely();
        writer.flush("stop").await().indefinitely(); // committed: 1001..1004
        byte[] firstCheckpoint = sync.getObjectAsBytes(r -> r.bucket(bucket).key(layout.checkpointKey(SHARD)))
                .asByteArray();
        List<StreamRecord> second = List.of(again(records.get(0), 1005), records.get(4), again(records.get(4), 1007));
        writer.accept(second).await().indefinitely();
        writer.flush("stop").await().indefinitely();
        // A crash after the second roll's manifest, before its objects and checkpoint.
        sync.putObject(r -> r.bucket(bucket).key(layout.checkpointKey(SHARD)),
                RequestBody.fromBytes(firstCheckpoint));
        for (String key : Lake.keys(sync, bucket, "lake/posts/")) {
            if (key.endsWith("-1005.jsonl.gz")) {
                sync.deleteObject(r -> r.bucket(bucket).key(key));
            }
        }

        ShardWriter replaying = writer();
        assertEquals(Optional.of("1004"), replaying.restart().await().indefinitely());
        replaying.accept(second).await().indefinitely();

        List<String> ids = Lake.ids(Lake.lines(sync, bucket, "lake/posts/"));
        assertEquals(5, ids.size(), "the re-cut roll holds the one new post only: " + ids);
        assertEquals(5, new HashSet<>(ids).size(), "each post once: " + ids);
    }

    @Test
    void twoWritersOfOneShardLeaveEachRecordInExactlyOneObject() {
        // A rolling deploy: the old and the new task both read the shard from the same checkpoint.
        ShardWriter old = writer();
        ShardWriter fresh = writer();
        old.restart().await().indefinitely();
        fresh.restart().await().indefinitely();
        old.accept(records.subList(0, 6)).await().indefinitely();
        fresh.accept(records.subList(0, 8)).await().indefinitely(); // its age cut falls elsewhere
        old.flush("age").await().indefinitely(); // commits 1001..1006 first

        Throwable lost = assertThrows(RollTakenException.class,
                () -> fresh.flush("age").await().indefinitely());
        assertTrue(lost.getMessage().contains("reading again from the checkpoint"), lost.getMessage());
        assertEquals(1, stats.rollsLost());

        // The reader reads the shard again from the checkpoint the first writer left.
        assertEquals(Optional.of("1006"), fresh.restart().await().indefinitely());
        fresh.accept(records.subList(6, 10)).await().indefinitely();
        old.accept(records.subList(6, 10)).await().indefinitely();
        fresh.flush("age").await().indefinitely();
        // The same boundaries and objects as the other writer's manifest: this writer's own, in effect.
        old.flush("age").await().indefinitely();

        assertEveryRecordOnce();
        assertEquals(1, stats.rollsLost());
    }
}
