package io.socialpulse.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.logging.Log;
import io.socialpulse.post.PostCodec;
import io.socialpulse.trends.Alert;
import io.socialpulse.trends.Driver;

/**
 * Posts alerts to a Slack-compatible incoming webhook: a {@code text} that reads well in a chat,
 * with the alert and its example posts as fields beside it. {@link #offer} only queues: one thread
 * of its own sends, retries a 429, a 5xx or no answer with a doubling wait, and drops an alert past
 * its tries, or when the queue is full, counting why. The trend view never waits for it. The URL is
 * never logged (a Slack webhook's path is its token): only its host is.
 */
public final class AlertWebhook implements AutoCloseable {

    private final URI url;
    private final int attempts;
    private final Duration backoff;
    private final Duration timeout;
    private final int queue;
    private final HttpClient client;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "alerts-webhook");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();

    public AlertWebhook(URI url, int attempts, Duration backoff, Duration timeout, int queue) {
        this.url = url;
        this.attempts = attempts;
        this.backoff = backoff;
        this.timeout = timeout;
        this.queue = queue;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        for (String reason : List.of("queue-full", "attempts", "refused")) {
            dropped.put(reason, new AtomicLong());
        }
    }

    /** Queues {@code alert} with its term's example posts; returns at once. */
    public void offer(Alert alert, List<Driver.Example> examples) {
        if (waiting.incrementAndGet() > queue) {
            waiting.decrementAndGet();
            dropped.get("queue-full").incrementAndGet();
            return;
        }
        String body = body(alert, examples);
        sender.execute(() -> attempt(body, 1));
    }

    private void attempt(String body, int attempt) {
        int status;
        try {
            status = client.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
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
            sender.schedule(() -> attempt(body, attempt + 1), wait, TimeUnit.MILLISECONDS);
        } else {
            String reason = status == -1 || status == 429 || status >= 500 ? "attempts" : "refused";
            dropped.get(reason).incrementAndGet();
            waiting.decrementAndGet();
            Log.warnf("alerts: the webhook at %s %s an alert (%s), dropped after %d tries", url.getHost(),
                    status == -1 ? "did not answer" : "answered " + status, reason, attempt);
        }
    }

    static String body(Alert alert, List<Driver.Example> examples) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%s%s is spiking: %d posts against %.1f usually (z %.1f)", alert.watched() ? "Watched " : "",
                alert.term(), alert.count(), alert.baseline(), alert.z()));
        for (Driver.Example example : examples) {
            text.append("\n• ").append(example.author() == null ? "someone" : example.author()).append(" on ")
                    .append(example.platform()).append(": ")
                    .append(example.url() == null
                            ? example.text()
                            : "<" + example.url() + "|" + slack(example.text())
                                    + ">");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text.toString());
        body.put("alert", alert);
        body.put("examples", new ArrayList<>(examples));
        try {
            return PostCodec.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Slack's link text may not hold its control characters. */
    private static String slack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "¦")
                .replace('\n', ' ');
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
    }
}
