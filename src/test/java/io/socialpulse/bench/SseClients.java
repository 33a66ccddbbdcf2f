package io.socialpulse.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The load side of the SSE benchmark, in its own JVM: opens N streams to the service, then for a
 * while records how late each {@code trends} event arrives after its tick (the event id), and
 * prints one line: {@code opened p50 p99 events}.
 */
public final class SseClients {

    private static final int MAX_LAG_MS = 60_000;
    private static final AtomicLongArray LAGS = new AtomicLongArray(MAX_LAG_MS + 1);
    private static volatile boolean measuring;
    private static final AtomicInteger opened = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int streams = Integer.parseInt(args[1]);
        Duration measure = Duration.ofSeconds(Long.parseLong(args[2]));
        // HTTP/1.1, one connection per stream, as browsers and curl do; the default would upgrade to h2c.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        for (int i = 0; i < streams; i++) {
            // The response future completes only when a stream ends; a stream counts as open at its first line.
            client.sendAsync(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(new Lines()));
            if (i % 200 == 199) {
                Thread.sleep(100); // ramp up instead of a thundering herd of connects
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (opened.get() < streams && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(3000);
        measuring = true;
        Thread.sleep(measure.toMillis());
        measuring = false;
        long events = 0;
        for (int i = 0; i <= MAX_LAG_MS; i++) {
            events += LAGS.get(i);
        }
        System.out
                .println(opened.get() + " " + percentile(events, 0.50) + " " + percentile(events, 0.99) + " " + events);
        System.exit(0);
    }

    private static long percentile(long events, double p) {
        long rank = (long) Math.ceil(events * p);
        long seen = 0;
        for (int i = 0; i <= MAX_LAG_MS; i++) {
            seen += LAGS.get(i);
            if (seen >= rank && rank > 0) {
                return i;
            }
        }
        return -1;
    }

    /** Reads one stream line by line; records the lag of each trends event. */
    private static final class Lines implements Flow.Subscriber<String> {
        private long id;
        private boolean trends;
        private boolean counted;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!counted) {
                counted = true;
                opened.incrementAndGet();
            }
            if (line.startsWith("id:")) {
                id = Long.parseLong(line.substring(3).strip());
            } else if (line.startsWith("event:")) {
                trends = line.endsWith("trends");
            } else if (line.startsWith("data:") && trends && measuring) {
                long lag = Math.max(0, Math.min(MAX_LAG_MS, System.currentTimeMillis() - id));
                LAGS.incrementAndGet((int) lag);
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
