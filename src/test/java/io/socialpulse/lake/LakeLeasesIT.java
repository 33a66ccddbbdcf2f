package io.socialpulse.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.socialpulse.lake.LakeCrashIT.Producer;
import io.socialpulse.lake.LakeCrashIT.Put;
import io.socialpulse.post.Post;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.ServiceProcess;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Three packaged lake processes split an eight-shard stream through shard leases while posts flow:
 * two start, a third joins, one is killed with SIGKILL, one is stopped with SIGTERM. The shards
 * spread evenly at each step, the killed process's shards are taken once its leases run out, the
 * stopped one's at once, and the lake holds every post once.
 */
class LakeLeasesIT {

    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void threeLakeProcessesSplitEightShardsThroughKillsAndStopsAndTheLakeIsExact() {
        Emulators emulators = Emulators.get();
        String stream = emulators.createStream("leases", 8);
        String bucket = emulators.createBucket("leases");
        List<Post> posts = TestPosts.make(stream, 3000, "leases");
        Map<String, String> env = ServiceProcess.environment(stream, bucket);
        env.put("SERVICE_ROLES", "lake");
        env.put("LAKE_LEASES", "true");
        env.put("LAKE_LEASE_TIME", LEASE.toSeconds() + "s");
        env.put("LAKE_ROLL_AGE", "2s");
        env.put("KINESIS_READER_SHARD_REFRESH", "2s");
        env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
        List<ServiceProcess> started = new ArrayList<>();
        try (S3Client s3 = emulators.s3();
                Producer producer = new Producer(stream, posts, 25, Duration.ofMillis(250))) {
            ServiceProcess a = ServiceProcess.start("leases-a", env);
            started.add(a);
            ServiceProcess b = ServiceProcess.start("leases-b", env);
            started.add(b);
            assertEquals(List.of(4, 4), awaitSpread(s3, bucket, stream, List.of(4, 4)));

            ServiceProcess c = ServiceProcess.start("leases-c", env);
            started.add(c);
            assertEquals(List.of(2, 3, 3), awaitSpread(s3, bucket, stream, List.of(2, 3, 3)));

            b.kill();
            long killed = System.nanoTime();
            assertEquals(List.of(4, 4), awaitSpread(s3, bucket, stream, List.of(4, 4)));
            Duration afterKill = Duration.ofNanos(System.nanoTime() - killed);

            long stopping = System.nanoTime();
            LakeCrashIT.assertStopped(c);
            assertEquals(1, spread(s3, bucket, stream).size(), "the stopped process gave its leases up before"
                    + " it exited, not left them to run out");
            assertEquals(List.of(8), awaitSpread(s3, bucket, stream, List.of(8)));
            Duration afterStop = Duration.ofNanos(System.nanoTime() - stopping);

            List<Put> puts = producer.finish();
            LakeCrashIT.awaitAll(s3, bucket, posts);
            LakeCrashIT.assertStopped(a);
            System.out.printf("lake leases test: a killed process's shards held again after %d ms (lease %d s),"
                    + " a stopped one's %d ms after SIGTERM%n", afterKill.toMillis(), LEASE.toSeconds(),
                    afterStop.toMillis());
            assertTrue(afterKill.compareTo(LEASE.multipliedBy(3)) < 0, "taken over within the lease time: "
                    + afterKill);
            LakeCrashIT.assertExact(s3, bucket, stream, posts, puts);
        } finally {
            started.forEach(ServiceProcess::close);
        }
    }

    /** Waits until the live leases give these shard counts per process (sorted), and returns them. */
    private static List<Integer> awaitSpread(S3Client s3, String bucket, String stream, List<Integer> wanted) {
        return Eventually.get(Duration.ofSeconds(90), () -> spread(s3, bucket, stream), wanted::equals);
    }

    private static List<Integer> spread(S3Client s3, String bucket, String stream) {
        Map<String, Integer> held = new TreeMap<>();
        long now = System.currentTimeMillis();
        String prefix = "social-pulse/_leases/" + stream + "/shards/";
        for (S3Object object : s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            try {
                JsonNode lease = JSON.readTree(s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key()))
                        .asByteArray());
                if (lease.path("until").asLong() > now) {
                    held.merge(lease.path("owner").asText(), 1, Integer::sum);
                }
            } catch (IOException e) {
                throw new IllegalStateException(object.key(), e);
            }
        }
        return held.values().stream().sorted().toList();
    }
}
