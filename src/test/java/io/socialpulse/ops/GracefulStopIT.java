package io.socialpulse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.ServiceProcess;
import io.socialpulse.testing.StreamContents;
import io.socialpulse.testing.TcpProxy;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SIGTERM to the packaged service under load, with Kinesis behind a TCP proxy that carries less
 * than the demo source sends (as a stream at its shard limits does) and a minute-long roll open.
 * Whatever the roles, the stop ends within 25 s with a clean log; every record Kinesis accepted
 * is in the lake exactly once (after the stop, or after a lake-only restart from the checkpoint);
 * and the demo's cursor stays before every post Kinesis did not accept.
 */
class GracefulStopIT {

    /**
     * About 140 demo posts a second each way (a post with its sentiment, metrics and author is about
     * 1 KB), half what the source makes. One request in flight and small reads keep the bytes queued
     * ahead of an HTTP/2 PING under its 5 s limit.
     */
    private static final long KINESIS_BYTES_PER_SECOND = 150_000;
    private static final Pattern CURSOR = Pattern.compile("source demo: stopped with its cursor at (\\d+)");

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"sources,lake,trends", "lake", "sources"})
    void aStopUnderLoadEndsInTimeCleanlyAndLosesNothing(String roles) throws Exception {
        Emulators emulators = Emulators.get();
        String name = "stop-" + roles.replace(",", "");
        String stream = emulators.createStream(name, 4);
        String bucket = emulators.createBucket(name);
        boolean sources = roles.contains("sources");
        ServiceProcess feeder = null;
        Long cursor = null;
        try (TcpProxy proxy = TcpProxy.start(emulators.kinesisPort())) {
            proxy.throttle(KINESIS_BYTES_PER_SECOND);
            if (!sources) {
                // The lake alone: another process feeds the stream at full speed, the lake reads slowly.
                Map<String, String> feed = demo(ServiceProcess.environment(stream, bucket));
                feed.put("SERVICE_ROLES", "sources");
                feeder = ServiceProcess.start(name + "-feeder", feed);
                feeder.awaitOutput("Listening on", Duration.ofSeconds(60));
            }
            Map<String, String> env = ServiceProcess.environment(stream, bucket);
            env.put("KINESIS_ENDPOINT", "http://127.0.0.1:" + proxy.port());
            env.put("KINESIS_PUBLISHER_MAX_IN_FLIGHT", "1");
            env.put("KINESIS_READER_MAX_RECORDS", "200");
            env.put("SERVICE_ROLES", roles);
            env.put("LAKE_ROLL_AGE", "60s");
            if (sources) {
                demo(env);
            }
            try (ServiceProcess service = ServiceProcess.start(name, env)) {
                service.awaitOutput("Listening on", Duration.ofSeconds(60));
                boolean trends = roles.contains("trends");
                if (trends) {
                    assertEquals(0, healthcheck(service.port()), "the container health check passes while running");
                }
                if (sources) {
                    // Traffic reached Kinesis, and a backlog built up behind it.
                    awaitMetric(service, "socialpulse_publisher_records_put_total", 400);
                    awaitMetric(service, "socialpulse_publisher_buffer_records", 2000);
                } else {
                    awaitMetric(feeder, "socialpulse_publisher_records_put_total", 3000);
                    awaitMetric(service, "socialpulse_reader_lag_max_seconds", 3);
                }
                CompletableFuture<Long> sseEnded = trends ? openStream(service.port()) : null;

                int logBefore = service.output().length();
                long start = System.nanoTime();
                service.terminate(Duration.ofSeconds(60));
                long stoppedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                String log = service.output();
                String stop = log.substring(logBefore);
                assertTrue(stoppedMillis < 25_000, "stopped in " + stoppedMillis + " ms\n" + stop);
                assertClean(stop);
                if (trends) {
                    long ended = sseEnded.get(5, TimeUnit.SECONDS);
                    assertTrue(ended < start + TimeUnit.MILLISECONDS.toNanos(stoppedMillis),
                            "the live stream ended before the process did, not with it");
                    assertEquals(1, healthcheck(service.port()), "the health check fails once the service is gone");
                }
                if (sources) {
                    Matcher matcher = CURSOR.matcher(stop);
                    assertTrue(matcher.find(), "the source says where its cursor stopped\n" + stop);
                    cursor = Long.parseLong(matcher.group(1));
                    assertTrue(stop.contains("not accepted"),
                            "Kinesis was slower than the source, so the flush ran out of time\n" + stop);
                } else {
                    assertTrue(stop.contains("not read within the stop budget"),
                            "the lake was behind the stream, so the drain ran out of time\n" + stop);
                }
            }
        } finally {
            if (feeder != null) {
                feeder.terminate(Duration.ofSeconds(60));
            }
        }

        List<StreamContents.Entry> accepted;
        try (KinesisClient kinesis = emulators.kinesis()) {
            accepted = StreamContents.all(kinesis, stream);
        }
        assertTrue(accepted.size() > 300, "traffic was flowing: " + accepted.size() + " records");
        Set<String> acceptedIds = new HashSet<>(accepted.stream().map(StreamContents.Entry::partitionKey).toList());
        List<String> lake = lakeAfterRestart(stream, bucket, acceptedIds.size());
        assertEquals(lake.size(), new HashSet<>(lake).size(), "no post twice in the lake");
        Set<String> missing = new HashSet<>(acceptedIds);
        missing.removeAll(lake);
        assertEquals(Set.of(), missing.stream().limit(10).collect(Collectors.toSet()),
                missing.size() + " accepted records missing from the lake of " + lake.size() + ", for example");
        assertEquals(acceptedIds.size(), lake.size(), "the lake holds nothing Kinesis did not accept");
        if (cursor != null) {
            assertTrue(cursor > 0, "the source moved its cursor while running");
            Set<Long> numbers = new HashSet<>();
            acceptedIds.forEach(id -> numbers.add(Long.parseLong(id.substring(id.lastIndexOf('-') + 1))));
            for (long n = 0; n < cursor; n++) {
                assertTrue(numbers.contains(n),
                        "demo post " + n + " is before the cursor " + cursor + " but Kinesis never accepted it");
            }
        }
    }

    private static Map<String, String> demo(Map<String, String> env) {
        env.put("SOURCES_ENABLED", "demo");
        env.put("SOURCES_DEMO_RATE", "300");
        return env;
    }

    /** Waits until a meter of the service reaches {@code wanted}: a backlog builds up behind the slow Kinesis. */
    private void awaitMetric(ServiceProcess service, String meter, double wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        double seen = 0;
        while (seen < wanted) {
            assertTrue(System.nanoTime() < deadline, meter + " reached " + seen + "\n" + service.output());
            Thread.sleep(500);
            seen = metric(service, meter);
        }
    }

    /** A line that tells of a failure: only the counted "not accepted" lines may say ERROR. */
    private static void assertClean(String stop) {
        for (String line : stop.split("\n")) {
            assertTrue(!line.startsWith("\tat ") && !line.startsWith("Caused by"), "a stack trace:\n" + stop);
            assertTrue(!line.contains(" ERROR ") || line.contains("not accepted"), "an error: " + line + "\n" + stop);
        }
        assertTrue(!stop.contains("Error creating synthetic bean"), stop);
        assertTrue(!stop.contains("RejectedExecutionException"), stop);
    }

    /** Lake ids once a lake-only process has read the stream to its end from the checkpoint. */
    private static List<String> lakeAfterRestart(String stream, String bucket, int expected) throws Exception {
        Emulators emulators = Emulators.get();
        Map<String, String> env = ServiceProcess.environment(stream, bucket);
        env.put("SERVICE_ROLES", "lake");
        env.put("LAKE_ROLL_AGE", "2s");
        List<String> ids;
        try (ServiceProcess lake = ServiceProcess.start(stream + "-lake", env); S3Client s3 = emulators.s3()) {
            lake.awaitOutput("Listening on", Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            do {
                Thread.sleep(1000);
                ids = Lake.ids(Lake.lines(s3, bucket, "social-pulse/posts/"));
            } while (new HashSet<>(ids).size() < expected && System.nanoTime() < deadline);
            lake.terminate(Duration.ofSeconds(30));
        }
        return ids;
    }

    /** Opens the live stream; completes with the time (nanoTime) it ended. */
    private CompletableFuture<Long> openStream(int port) throws Exception {
        var open = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/trends/stream"))
                .build(), HttpResponse.BodyHandlers.ofLines());
        Stream<String> lines = open.get(10, TimeUnit.SECONDS).body();
        return CompletableFuture.supplyAsync(() -> {
            try {
                lines.forEach(line -> {
                });
            } catch (RuntimeException e) {
                // ended by a reset rather than cleanly: ended all the same
            }
            return System.nanoTime();
        });
    }

    private double metric(ServiceProcess service, String name) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                sum += Double.isNaN(value) ? 0 : value;
            }
        }
        return sum;
    }

    private static int healthcheck(int port) throws Exception {
        Path jar = Path.of(System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "healthcheck").redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return process.exitValue();
    }
}
