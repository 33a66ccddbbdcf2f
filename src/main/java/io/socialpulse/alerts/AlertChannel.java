package io.socialpulse.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.logging.Log;
import io.socialpulse.trends.Alert;
import io.socialpulse.trends.Driver;

/**
 * One place alerts go: a Slack-compatible webhook or an SNS topic. {@link #offer} only queues: one
 * thread of its own sends, retries a 429 (or a throttle), a 5xx or no answer with a doubling wait,
 * and drops an alert past its tries, or when the queue is full, counting why. The trend view never
 * waits for it. Where it goes is told only as {@link Transport#describe()}: a webhook's path is its
 * token, so only its host is ever logged.
 */
public final class AlertChannel implements AutoCloseable {

    /** How an alert leaves: its answer as an HTTP status, -1 for no answer. */
    public interface Transport extends AutoCloseable {
        int send(AlertMessage message) throws Exception;

        String describe();

        @Override
        default void close() {
        }
    }

    private final String name;
    private final Transport transport;
    private final int attempts;
    private final Duration backoff;
    private final int queue;
    private final ScheduledExecutorService sender;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();

    public AlertChannel(String name, Transport transport, int attempts, Duration backoff, int queue) {
        this.name = name;
        this.transport = transport;
        this.attempts = attempts;
        this.backoff = backoff;
        this.queue = queue;
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "alerts-" + name);
            thread.setDaemon(true);
            return thread;
        });
        for (String reason : List.of("queue-full", "attempts", "refused")) {
            dropped.put(reason, new AtomicLong());
        }
    }

    /** A channel posting to a Slack-compatible incoming webhook. */
    public static AlertChannel webhook(URI url, int attempts, Duration backoff, Duration timeout, int queue) {
        return new AlertChannel("webhook", new WebhookTransport(url, timeout), attempts, backoff, queue);
    }

    public String name() {
        return name;
    }

    /** Queues {@code alert} with its term's example posts; returns at once. */
    public void offer(Alert alert, List<Driver.Example> examples) {
        if (waiting.incrementAndGet() > queue) {
            waiting.decrementAndGet();
            dropped.get("queue-full").incrementAndGet();
            return;
        }
        AlertMessage message = AlertMessage.of(alert, examples);
        sender.execute(() -> attempt(message, 1));
    }

    private void attempt(AlertMessage message, int attempt) {
        int status;
        try {
            status = transport.send(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            waiting.decrementAndGet();
            return;
        } catch (Exception e) {
            status = -1; // no answer: a timeout, a refused connection
        }
        if (status >= 200 && status < 300) {
            sent.incrementAndGet();
            waiting.decrementAndGet();
        } else if ((status == -1 || status == 429 || status >= 500) && attempt < attempts) {
            retries.incrementAndGet();
            long wait = backoff.toMillis() << Math.min(attempt - 1, 10);
            sender.schedule(() -> attempt(message, attempt + 1), wait, TimeUnit.MILLISECONDS);
        } else {
            String reason = status == -1 || status == 429 || status >= 500 ? "attempts" : "refused";
            dropped.get(reason).incrementAndGet();
            waiting.decrementAndGet();
            Log.warnf("alerts: %s %s an alert (%s), dropped after %d tries", transport.describe(),
                    status == -1 ? "did not answer" : "answered " + status, reason, attempt);
        }
    }

    public long sent() {
        return sent.get();
    }

    public long retries() {
        return retries.get();
    }

    public long dropped(String reason) {
        return dropped.get(reason).get();
    }

    public List<String> dropReasons() {
        return List.copyOf(dropped.keySet());
    }

    @Override
    public void close() {
        sender.shutdownNow();
        try {
            transport.close();
        } catch (Exception e) {
            Log.debugf("alerts: closing %s: %s", transport.describe(), e.toString());
        }
    }

    /** Posts the message's JSON to a webhook URL. */
    static final class WebhookTransport implements Transport {
        private final URI url;
        private final Duration timeout;
        private final HttpClient client;

        WebhookTransport(URI url, Duration timeout) {
            this.url = url;
            this.timeout = timeout;
            this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        }

        @Override
        public int send(AlertMessage message) throws Exception {
            return client.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(message.json())).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        @Override
        public String describe() {
            return "the webhook at " + url.getHost();
        }
    }
}
