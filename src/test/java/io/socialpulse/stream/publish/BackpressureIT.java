package io.socialpulse.stream.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.ServiceProcess;
import io.socialpulse.testing.TcpProxy;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * Kinesis unreachable behind a TCP proxy (connections reset, new ones refused) for 20 s while the
 * packaged service runs the demo source. The source waits on its unacknowledged page with its
 * cursor in place and hands over nothing more; once Kinesis is back it catches up in pages larger
 * than the publisher's buffer, which fills to its cap and no further; the stop flushes the buffer;
 * every post reaches the lake (the tail a lake-only process writes after the stop), none twice,
 * with no gap in the demo's numbering, and the heap stays small throughout. The stream has 16
 * shards because kinesis-local slows down as a shard fills.
 */
class BackpressureIT {

    private static final int BUFFER_RECORDS = 3000;
    private static final long BUFFER_BYTES = 2L << 20;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUnreachableKinesisPausesTheSourceWithinTheBufferAndLosesNothing() throws Exception {
        Emulators emulators = Emulators.get();
        String stream = emulators.createStream("pressure", 16);
        String bucket = emulators.createBucket("pressure");
        Peaks peaks = new Peaks();
        double collected;
        try (TcpProxy proxy = TcpProxy.start(emulators.kinesisPort())) {
            Map<String, String> env = ServiceProcess.environment(stream, bucket);
            env.put("KINESIS_ENDPOINT", "http://127.0.0.1:" + proxy.port());
            env.put("SOURCES_ENABLED", "demo");
            // Well below what the emulator takes while the lake reads too, so that the outage's backlog drains.
            env.put("SOURCES_DEMO_RATE", "200");
            env.put("KINESIS_PUBLISHER_BUFFER_RECORDS", Integer.toString(BUFFER_RECORDS));
            env.put("KINESIS_PUBLISHER_BUFFER_BYTES", Long.toString(BUFFER_BYTES));
            env.put("KINESIS_PUBLISHER_MAX_BACKOFF", "2s");
            env.put("LAKE_ROLL_AGE", "5s");
            try (ServiceProcess service = ServiceProcess.start("pressure", env)) {
                service.awaitOutput("Listening on", Duration.ofSeconds(60));
                awaitMetric(service, "socialpulse_publisher_records_put_total", 1000, Duration.ofSeconds(60));

                proxy.sever();
                Thread.sleep(3000); // what was in flight fails and waits for a resend
                double collectedAtStart = metric(service, "socialpulse_source_posts_total");
                double bufferedAtStart = metric(service, "socialpulse_publisher_buffer_records");
                for (int i = 0; i < 17; i++) {
                    peaks.sample(metrics(service));
                    Thread.sleep(1000);
                }
                assertTrue(service.isAlive(), service.output());
                assertEquals(collectedAtStart, metric(service, "socialpulse_source_posts_total"),
                        "no post counted as collected while Kinesis was unreachable");
                assertTrue(bufferedAtStart > 0, "a page was waiting for Kinesis");
                assertEquals(bufferedAtStart, metric(service, "socialpulse_publisher_buffer_records"),
                        "the source handed over nothing more while its page waited");

                proxy.restore();
                // The source catches up in pages larger than the buffer, which it fills and waits on.
                double put = metric(service, "socialpulse_publisher_records_put_total");
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (metric(service, "socialpulse_publisher_records_put_total") < put + 2 * BUFFER_RECORDS) {
                    assertTrue(System.nanoTime() < deadline, "no catching up\n" + service.output());
                    peaks.sample(metrics(service));
                    Thread.sleep(250);
                }
                assertTrue(metric(service, "socialpulse_source_posts_total") > collectedAtStart,
                        "the source moves again once Kinesis is back");
                assertTrue(metric(service, "socialpulse_publisher_buffer_full_waits_total") > 0,
                        "the source waited for room in the buffer");
                collected = metric(service, "socialpulse_source_posts_total");
                service.terminate(Duration.ofSeconds(60));
                assertTrue(service.output().contains("publisher flushed"), service.output());
            }
        }
        // What the lake had not read when the service stopped waits in Kinesis past its checkpoint: a
        // lake-only process started after it writes the rest.
        Map<String, String> env = ServiceProcess.environment(stream, bucket);
        env.put("SERVICE_ROLES", "lake");
        env.put("LAKE_ROLL_AGE", "2s");
        List<String> ids;
        try (ServiceProcess lake = ServiceProcess.start("pressure-lake", env); S3Client s3 = emulators.s3()) {
            lake.awaitOutput("Listening on", Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            do {
                Thread.sleep(1000);
                ids = Lake.ids(Lake.lines(s3, bucket, "social-pulse/posts/"));
            } while (!(new HashSet<>(ids).size() >= collected && gapless(ids)) && System.nanoTime() < deadline);
            lake.terminate(Duration.ofSeconds(30));
        }
        assertTrue(peaks.records > 0 && peaks.records <= BUFFER_RECORDS, "buffer held " + peaks.records + " posts");
        assertTrue(peaks.bytes <= BUFFER_BYTES, "buffer held " + peaks.bytes + " bytes");
        assertTrue(peaks.heap < 200e6, "heap in use reached " + peaks.heap + " bytes");

        {
            Set<String> distinct = new HashSet<>(ids);
            assertEquals(distinct.size(), ids.size(), "no post twice in the lake");
            TreeSet<Long> numbers = new TreeSet<>();
            for (String id : ids) {
                numbers.add(Long.parseLong(id.substring(id.lastIndexOf('-') + 1)));
            }
            assertEquals(0L, numbers.first());
            assertEquals(numbers.last() + 1, numbers.size(),
                    "every demo post from the first to the last is in the lake: " + numbers.size() + " of "
                            + (numbers.last() + 1));
            assertTrue(numbers.size() >= collected, "every post the source counted is in the lake: " + numbers.size()
                    + " of " + collected);
            // Before the outage 1,000 posts were put, after it at least two buffers more.
            assertTrue(numbers.size() > 2 * BUFFER_RECORDS, "traffic flowed: " + numbers.size() + " posts");
        }
    }

    /**
     * True when the demo posts in the lake are numbered 0 to n with none missing. Posts the stop's
     * flush put after the source's last count are in Kinesis too, and the lake-only process is done
     * once it has written them.
     */
    private static boolean gapless(List<String> ids) {
        TreeSet<Long> numbers = new TreeSet<>();
        for (String id : ids) {
            numbers.add(Long.parseLong(id.substring(id.lastIndexOf('-') + 1)));
        }
        return !numbers.isEmpty() && numbers.first() == 0 && numbers.last() + 1 == numbers.size();
    }

    /** The highest buffer and heap figures seen. */
    private static final class Peaks {
        double records;
        double bytes;
        double heap;

        void sample(String text) {
            records = Math.max(records, value(text, "socialpulse_publisher_buffer_records"));
            bytes = Math.max(bytes, value(text, "socialpulse_publisher_buffer_bytes"));
            heap = Math.max(heap, heapUsed(text));
        }
    }

    private String metrics(ServiceProcess service) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private double metric(ServiceProcess service, String name) throws Exception {
        return value(metrics(service), name);
    }

    /** The sum of a meter's series in the Prometheus text. */
    private static double value(String text, String name) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static double heapUsed(String text) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private void awaitMetric(ServiceProcess service, String name, double atLeast, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        double seen = 0;
        while (System.nanoTime() < deadline) {
            seen = metric(service, name);
            if (seen >= atLeast) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " reached " + seen + ", not " + atLeast + "\n" + service.output());
    }
}
