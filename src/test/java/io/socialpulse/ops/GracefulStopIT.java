package io.socialpulse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.ServiceProcess;
import io.socialpulse.testing.StreamContents;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SIGTERM to the packaged service in the middle of traffic, with a minute-long roll open: it must
 * flush and commit everything Kinesis accepted, exactly once, and exit within Fargate's 30 s.
 */
class GracefulStopIT {

    @Test
    void aStopMidTrafficLandsEverythingAcknowledgedExactlyOnceAndExitsInTime() throws Exception {
        Emulators emulators = Emulators.get();
        String stream = emulators.createStream("stop", 2);
        String bucket = emulators.createBucket("stop");
        Map<String, String> env = ServiceProcess.environment(stream, bucket);
        env.put("LAKE_ROLL_AGE", "60s");
        env.put("SOURCES_ENABLED", "demo");
        env.put("SOURCES_DEMO_RATE", "300");

        try (ServiceProcess service = ServiceProcess.start("stop", env)) {
            service.awaitOutput("Listening on", Duration.ofSeconds(60));
            assertEquals(0, healthcheck(service.port()), "the container health check passes while running");
            Thread.sleep(8000);
            var client = java.net.http.HttpClient.newHttpClient();
            var open = client.sendAsync(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://127.0.0.1:" + service.port() + "/trends/stream")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofLines());
            var sse = open.get(10, TimeUnit.SECONDS).body();
            var ended = CompletableFuture.runAsync(() -> sse.forEach(line -> {
            }));

            long start = System.nanoTime();
            service.terminate(Duration.ofSeconds(60));
            // The open SSE stream was ended by the stop (cleanly, or by an HTTP/2 GOAWAY), not left hanging.
            ended.handle((done, closed) -> true).get(5, TimeUnit.SECONDS);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds < 30, "stopped in " + seconds + " s, over Fargate's stopTimeout");
            assertTrue(service.output().contains("publisher flushed"), service.output());
            assertEquals(1, healthcheck(service.port()), "the health check fails once the service is gone");
        }

        try (KinesisClient kinesis = emulators.kinesis(); S3Client s3 = emulators.s3()) {
            List<StreamContents.Entry> accepted = StreamContents.all(kinesis, stream);
            assertTrue(accepted.size() > 1000, "traffic was flowing: " + accepted.size() + " records");
            List<String> lake = Lake.ids(Lake.lines(s3, bucket, "social-pulse/posts/"));
            assertEquals(accepted.size(), lake.size(), "every accepted record is in the lake exactly once");
            assertEquals(new HashSet<>(accepted.stream().map(StreamContents.Entry::partitionKey).toList()),
                    new HashSet<>(lake));
        }
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
