package io.socialpulse.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.ServiceProcess;
import io.socialpulse.testing.TcpProxy;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged lake writer killed with SIGKILL at random instants while known posts flow in, and
 * two writers running at once as in a rolling deploy. S3 sits behind a slow relay, so a roll's
 * three steps (manifest, objects, checkpoint) take long enough for kills to land between them.
 * At the end the lake must hold every post once, and every (shard, sequence number) in exactly
 * one roll.
 */
class LakeCrashIT {

    private static final String PREFIX = "social-pulse/";

    /** Where Kinesis put one copy of a post. */
    record Put(String id, String shardId, BigInteger sequence) {
    }

    /** Puts known posts at a steady pace, every tenth batch also resending some earlier posts. */
    static final class Producer implements AutoCloseable {
        private final List<Put> puts = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile RuntimeException failure;

        Producer(String stream, List<Post> posts, int perBatch, Duration every) {
            thread = new Thread(() -> {
                try (KinesisClient kinesis = Emulators.get().kinesis()) {
                    for (int from = 0, batch = 0; from < posts.size(); from += perBatch, batch++) {
                        List<Post> sending = new ArrayList<>(
                                posts.subList(from, Math.min(posts.size(), from + perBatch)));
                        if (batch % 10 == 9) {
                            sending.addAll(posts.subList(from - 3 * perBatch, from - 3 * perBatch + 5));
                        }
                        put(kinesis, stream, sending);
                        Emulators.sleep(every);
                    }
                } catch (RuntimeException e) {
                    failure = e;
                }
            }, "lake-crash-producer");
            thread.start();
        }

        private void put(KinesisClient kinesis, String stream, List<Post> sending) {
            List<Post> pending = sending;
            while (!pending.isEmpty()) {
                List<Post> batch = pending;
                PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream)
                        .records(batch.stream().map(p -> PutRecordsRequestEntry.builder().partitionKey(p.id())
                                .data(SdkBytes.fromByteArray(PostCodec.encode(p))).build()).toList()));
                List<Post> failed = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    PutRecordsResultEntry entry = response.records().get(i);
                    if (entry.errorCode() != null) {
                        failed.add(batch.get(i));
                    } else {
                        puts.add(new Put(batch.get(i).id(), entry.shardId(), new BigInteger(entry.sequenceNumber())));
                    }
                }
                pending = failed;
            }
        }

        boolean running() {
            return thread.isAlive();
        }

        List<Put> finish() {
            try {
                thread.join(Duration.ofMinutes(3).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return List.copyOf(puts);
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    @Test
    void killedAtTwentyTwoRandomInstantsTheLakeStillHoldsEachPostOnce() {
        Emulators emulators = Emulators.get();
        String stream = emulators.createStream("crash", 4);
        String bucket = emulators.createBucket("crash");
        List<Post> posts = TestPosts.make(stream, 3000, "crash");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> outputs = new ArrayList<>();
        try (TcpProxy slowS3 = TcpProxy.start(emulators.s3Endpoint().getPort());
                // Posts flow for about as long as the kills go on, so that most kills land mid-roll.
                Producer producer = new Producer(stream, posts, 25, Duration.ofMillis(800));
                S3Client s3 = emulators.s3()) {
            slowS3.delay(Duration.ofMillis(150));
            Map<String, String> env = env(stream, bucket, slowS3);
            // 22 kills at least; more (up to 40) while fewer than two of them have cut a roll's commit,
            // which the next start reports when it finishes that roll.
            for (int kill = 0; kill < 22 || (cutCommits(outputs) < 2 && kill < 40); kill++) {
                try (ServiceProcess service = ServiceProcess.start("crash-" + kill, env)) {
                    // Killed a random while after it began reading: mid-roll, mid-commit, mid-restart.
                    service.awaitOutput("shardId-000000000003: reading", Duration.ofSeconds(60));
                    Emulators.sleep(Duration.ofMillis(300 + random.nextInt(3000)));
                    service.kill();
                    outputs.add(service.output());
                }
            }
            List<Put> puts = producer.finish();
            try (ServiceProcess last = ServiceProcess.start("crash-last", env)) {
                last.awaitOutput("shardId-000000000003: reading", Duration.ofSeconds(60));
                awaitAll(s3, bucket, posts);
                outputs.add(last.output());
                assertStopped(last);
            }
            long finished = cutCommits(outputs);
            long already = outputs.stream().filter(o -> o.contains("was already written")).count();
            System.out.printf("lake crash test (seed %d): %d starts finished a roll a kill had cut between its"
                    + " manifest and its checkpoint; %d found objects of it already written%n", seed, finished,
                    already);
            assertTrue(finished >= 1, "no kill landed inside a roll's commit (seed " + seed + ")");
            // Every kill was a crash: no shutdown hook ran, so no stop committed anything for it.
            List<String> killed = outputs.subList(0, outputs.size() - 1);
            assertTrue(killed.size() >= 22, killed.size() + " kills");
            assertTrue(killed.stream().noneMatch(o -> o.contains("stopping within") || o.contains("stopped in")),
                    "a killed process ran its stop");
            assertExact(s3, bucket, stream, posts, puts);
        }
    }

    @Test
    void twoWritersAtOnceDuringRollingDeploysLeaveAnExactLake() {
        Emulators emulators = Emulators.get();
        String stream = emulators.createStream("deploy", 4);
        String bucket = emulators.createBucket("deploy");
        List<Post> posts = TestPosts.make(stream, 2000, "deploy");
        long lost = 0;
        try (TcpProxy slowS3 = TcpProxy.start(emulators.s3Endpoint().getPort());
                Producer producer = new Producer(stream, posts, 50, Duration.ofMillis(500));
                S3Client s3 = emulators.s3()) {
            slowS3.delay(Duration.ofMillis(40));
            Map<String, String> env = env(stream, bucket, slowS3);
            // Each deploy starts the new task, lets both run side by side, then stops the old one.
            List<ServiceProcess> started = new ArrayList<>();
            try {
                ServiceProcess old = ServiceProcess.start("deploy-0", env);
                started.add(old);
                for (int deploy = 1; deploy <= 2; deploy++) {
                    ServiceProcess fresh = ServiceProcess.start("deploy-" + deploy, env);
                    started.add(fresh);
                    Emulators.sleep(Duration.ofSeconds(7));
                    assertTrue(old.isAlive() && fresh.isAlive(), "both writers run at once");
                    assertStopped(old);
                    lost += rollsLost(old.output());
                    old = fresh;
                }
                List<Put> puts = producer.finish();
                awaitAll(s3, bucket, posts);
                assertStopped(old);
                lost += rollsLost(old.output());
                System.out.printf("rolling deploy test: %d rolls were dropped by the writer that found another's"
                        + " manifest first%n", lost);
                assertTrue(lost >= 1, "the two writers never raced for a roll");
                assertExact(s3, bucket, stream, posts, puts);
            } finally {
                started.forEach(ServiceProcess::close);
            }
        }
    }

    /** How many starts finished a roll that a kill had cut between its manifest and its checkpoint. */
    private static long cutCommits(List<String> outputs) {
        return outputs.stream().filter(o -> o.contains("finishing the roll of manifest")).count();
    }

    /** SIGTERM: the JVM exits 143 after its shutdown hooks, having committed what it held. */
    static void assertStopped(ServiceProcess service) {
        int code = service.terminate(Duration.ofSeconds(60));
        assertTrue(code == 0 || code == 143, "exit code " + code + ":\n" + service.output());
        assertTrue(service.output().contains("stopped in"), service.output());
    }

    private static long rollsLost(String output) {
        return output.lines().filter(l -> l.contains("first; reading again from the checkpoint")).count();
    }

    private static Map<String, String> env(String stream, String bucket, TcpProxy s3) {
        Map<String, String> env = ServiceProcess.environment(stream, bucket);
        env.put("S3_ENDPOINT", "http://127.0.0.1:" + s3.port());
        env.put("SERVICE_ROLES", "lake");
        env.put("LAKE_ROLL_AGE", "1s");
        env.put("LAKE_DEDUP_HORIZON", "30s");
        env.put("KINESIS_READER_POLL_INTERVAL", "200ms");
        // Two dozen short-lived JVMs: the quick compiler alone starts them sooner and leaves the
        // cores to the emulators.
        env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
        return env;
    }

    static void awaitAll(S3Client s3, String bucket, List<Post> posts) {
        Set<String> expected = posts.stream().map(Post::id).collect(Collectors.toSet());
        Eventually.get(Duration.ofSeconds(120), () -> Lake.ids(Lake.lines(s3, bucket, PREFIX + "posts/")),
                ids -> new HashSet<>(ids).containsAll(expected));
    }

    private static final Pattern OBJECT = Pattern.compile(".*/(shardId-\\d+)-(\\d+)\\.jsonl\\.gz");

    /**
     * Every post once; rolls of a shard never overlap; every put (copies included) in a roll; every
     * post in an object of the roll holding its first copy; every object a complete gzip stream.
     */
    static void assertExact(S3Client s3, String bucket, String stream, List<Post> posts, List<Put> puts) {
        List<Lake.Line> lines = Lake.lines(s3, bucket, PREFIX + "posts/"); // fails on a cut gzip stream
        List<String> ids = Lake.ids(lines);
        assertEquals(posts.size(), ids.size(), "each post exactly once");
        assertEquals(posts.stream().map(Post::id).collect(Collectors.toSet()), Set.copyOf(ids));

        Map<String, TreeMap<BigInteger, BigInteger>> rolls = new HashMap<>();
        for (String key : Lake.keys(s3, bucket, PREFIX + "_manifests/" + stream + "/")) {
            JsonNode manifest = read(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
            rolls.computeIfAbsent(manifest.get("shardId").asText(), s -> new TreeMap<>()).put(
                    new BigInteger(manifest.get("firstSequence").asText()),
                    new BigInteger(manifest.get("lastSequence").asText()));
        }
        rolls.forEach((shard, ranges) -> {
            BigInteger previousLast = BigInteger.valueOf(-1);
            for (var range : ranges.entrySet()) {
                assertTrue(range.getKey().compareTo(previousLast) > 0, shard + ": rolls overlap at " + range);
                previousLast = range.getValue();
            }
        });
        Map<String, Put> first = new HashMap<>();
        for (Put put : puts) {
            var ranges = rolls.getOrDefault(put.shardId(), new TreeMap<>());
            var roll = ranges.floorEntry(put.sequence());
            assertTrue(roll != null && roll.getValue().compareTo(put.sequence()) >= 0,
                    put + " is in no roll");
            first.merge(put.id(), put, (a, b) -> a.sequence().compareTo(b.sequence()) <= 0 ? a : b);
        }
        for (Lake.Line line : lines) {
            Matcher name = OBJECT.matcher(line.key());
            assertTrue(name.matches(), line.key());
            Put put = first.get(line.post().get("id").asText());
            assertEquals(put.shardId(), name.group(1), line.key());
            var roll = rolls.get(put.shardId()).floorEntry(put.sequence());
            assertEquals(roll.getKey(), new BigInteger(name.group(2)),
                    "the post is in the object of the roll holding its first copy: " + line.key());
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            return PostCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
