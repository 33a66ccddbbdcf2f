package io.socialpulse.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.ServiceProcess;
import io.socialpulse.testing.StreamContents;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SIGKILL to the packaged service running the {@code sources} role alone, mid-traffic, against a
 * Mastodon instance on loopback whose tag timeline keeps growing, then a restart, four times over.
 * Every status the instance served is in the lake exactly once (written afterwards by a lake-only
 * process), and each restart asks for the statuses after a cursor before which everything served
 * was accepted by Kinesis: nothing skipped, whatever moment the kill came at.
 */
class SourcesCrashIT {

    private static final int PAGE = 20;
    private static final Pattern MIN_ID = Pattern.compile("min_id=(\\d+)");
    private static final long BASE = 114_400_000_000_000_000L;

    /** A tag timeline that gains a status every few milliseconds, paged with min_id as Mastodon pages. */
    private static final class Instance implements AutoCloseable {
        final HttpServer server;
        final long started = System.nanoTime();
        final Set<Long> served = new ConcurrentSkipListSet<>();
        /** The min_id of each request, -1 for one without: the cursor each poll resumed from. */
        final List<Long> asked = new CopyOnWriteArrayList<>();

        Instance() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.createContext("/api/v1/timelines/tag/acme", this::timeline);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        /** Statuses 1..newest exist: 200 a second. */
        long newest() {
            return Math.max(1, (System.nanoTime() - started) / 5_000_000);
        }

        private void timeline(HttpExchange exchange) throws IOException {
            String query = String.valueOf(exchange.getRequestURI().getRawQuery());
            Matcher min = MIN_ID.matcher(query);
            long newest = newest();
            long from;
            long to;
            if (min.find()) {
                long after = Long.parseLong(min.group(1)) - BASE;
                asked.add(after);
                from = after + 1;
                to = Math.min(newest, after + PAGE);
            } else {
                asked.add(-1L);
                to = newest;
                from = Math.max(1, newest - PAGE + 1);
            }
            StringBuilder body = new StringBuilder("[");
            for (long n = to; n >= from; n--) {
                served.add(n);
                body.append(n == to ? "" : ",").append(status(n));
            }
            body.append("]");
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            String base = "http://127.0.0.1:" + port() + "/api/v1/timelines/tag/acme?limit=" + PAGE;
            if (to >= from) {
                exchange.getResponseHeaders().add("Link", "<" + base + "&max_id=" + (BASE + from)
                        + ">; rel=\"next\", <" + base + "&min_id=" + (BASE + to) + ">; rel=\"prev\"");
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        private String status(long n) {
            String id = Long.toString(BASE + n);
            return "{\"id\":\"" + id + "\",\"created_at\":\"2026-05-01T10:15:30.000Z\",\"in_reply_to_id\":null,"
                    + "\"sensitive\":false,\"spoiler_text\":\"\",\"visibility\":\"public\",\"language\":\"en\","
                    + "\"uri\":\"https://crash.example/users/jane/statuses/" + id + "\","
                    + "\"url\":\"https://crash.example/@jane/" + id + "\",\"replies_count\":0,\"reblogs_count\":0,"
                    + "\"favourites_count\":1,\"content\":\"<p>status " + n + " about #acme</p>\",\"reblog\":null,"
                    + "\"account\":{\"id\":\"1\",\"username\":\"jane\",\"acct\":\"jane@crash.example\","
                    + "\"display_name\":\"Jane\",\"url\":\"https://crash.example/@jane\",\"followers_count\":3},"
                    + "\"media_attachments\":[],\"mentions\":[],\"tags\":[{\"name\":\"acme\"}],\"emojis\":[]}";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void killedMidTrafficAndRestartedItLosesNothingTheInstanceServed() throws Exception {
        Emulators emulators = Emulators.get();
        String stream = emulators.createStream("srccrash", 2);
        String bucket = emulators.createBucket("srccrash");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Integer> restartsAt = new ArrayList<>();
        try (Instance instance = new Instance(); KinesisClient kinesis = emulators.kinesis()) {
            Map<String, String> env = ServiceProcess.environment(stream, bucket);
            env.put("SERVICE_ROLES", "sources");
            env.put("SOURCES_ENABLED", "mastodon");
            env.put("SOURCES_MASTODON_INSTANCES", "http://127.0.0.1:" + instance.port());
            env.put("SOURCES_MASTODON_HASHTAGS", "acme");
            env.put("SOURCES_MASTODON_INTERVAL", "1s");
            env.put("SOURCES_MASTODON_PAGE_SIZE", Integer.toString(PAGE));
            env.put("SOURCES_JITTER", "0s");
            for (int run = 0; run < 5; run++) {
                restartsAt.add(instance.asked.size());
                try (ServiceProcess service = ServiceProcess.start("srccrash-" + run, env)) {
                    service.awaitOutput("Listening on", Duration.ofSeconds(60));
                    int before = instance.served.size();
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (instance.served.size() < before + 200) {
                        assertTrue(System.nanoTime() < deadline, "no statuses served\n" + service.output());
                        Emulators.sleep(Duration.ofMillis(100));
                    }
                    // Killed a random while into its polling: mid-request, mid-put or mid-commit.
                    Emulators.sleep(Duration.ofMillis(random.nextInt(3000)));
                    if (run < 4) {
                        service.kill();
                    } else {
                        service.terminate(Duration.ofSeconds(30));
                    }
                }
            }

            List<StreamContents.Entry> accepted = StreamContents.all(kinesis, stream);
            Set<Long> inKinesis = new TreeSet<>();
            for (StreamContents.Entry entry : accepted) {
                inKinesis.add(Long.parseLong(entry.partitionKey().replaceAll(".*/statuses/", "")) - BASE);
            }
            // Each restart asked for the statuses after its stored cursor, which never went back.
            List<Long> resumed = new ArrayList<>();
            for (int i = 1; i < restartsAt.size(); i++) {
                resumed.add(instance.asked.get(restartsAt.get(i)));
            }
            for (int i = 0; i < resumed.size(); i++) {
                assertTrue(resumed.get(i) > 0 && (i == 0 || resumed.get(i) >= resumed.get(i - 1)),
                        "restarts resumed after " + resumed + " (seed " + seed + ")");
            }
            // Everything served up to the cursor stored at the end reached Kinesis; what was served after
            // it (the page in hand when the last stop came) is asked for again at the next start.
            long cursor;
            try (S3Client s3 = emulators.s3()) {
                List<String> keys = Lake.keys(s3, bucket, "social-pulse/_cursors/sources/");
                assertEquals(1, keys.size(), keys.toString());
                String stored = s3.getObjectAsBytes(r -> r.bucket(bucket).key(keys.get(0))).asUtf8String();
                Matcher min = Pattern.compile("\"min\":\"(\\d+)\"").matcher(stored);
                assertTrue(min.find(), stored);
                cursor = Long.parseLong(min.group(1)) - BASE;
            }
            Set<Long> served = new TreeSet<>(instance.served);
            for (long n : served) {
                if (n <= cursor) {
                    assertTrue(inKinesis.contains(n), "status " + n + " is before the cursor " + cursor
                            + " but never reached Kinesis (seed " + seed + ")");
                }
            }
            assertTrue(cursor >= resumed.get(resumed.size() - 1), "the cursor moved on in the last run");

            // The lake, written by a lake-only process from the stream, holds each of them once.
            Map<String, String> lakeEnv = ServiceProcess.environment(stream, bucket);
            lakeEnv.put("SERVICE_ROLES", "lake");
            lakeEnv.put("LAKE_ROLL_AGE", "2s");
            List<String> ids;
            try (ServiceProcess lake = ServiceProcess.start("srccrash-lake", lakeEnv); S3Client s3 = emulators.s3()) {
                lake.awaitOutput("Listening on", Duration.ofSeconds(60));
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                do {
                    Emulators.sleep(Duration.ofSeconds(1));
                    ids = Lake.ids(Lake.lines(s3, bucket, "social-pulse/posts/"));
                } while (new HashSet<>(ids).size() < inKinesis.size() && System.nanoTime() < deadline);
                lake.terminate(Duration.ofSeconds(30));
            }
            assertEquals(ids.size(), new HashSet<>(ids).size(), "no status twice in the lake");
            assertEquals(inKinesis.size(), ids.size(), "every status Kinesis accepted is in the lake");
            System.out.printf("sources crash test (seed %d): %d statuses served, %d records accepted, %d in the"
                    + " lake, restarts resumed after %s, final cursor %d%n", seed, served.size(), accepted.size(),
                    ids.size(), resumed, cursor);
        }
    }
}
