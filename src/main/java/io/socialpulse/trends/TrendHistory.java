package io.socialpulse.trends;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.post.PostCodec;
import io.socialpulse.store.ObjectStore;

/**
 * What the trend view showed, minute by minute, kept in the lake: for each scope, the one-minute
 * window's posts, sentiment, top tags, rising and trending tags and top accounts, from the last
 * tick of the minute. One gzip JSON Lines object per minute and task,
 * {@code <prefix>/trends/dt=<day>/hour=<HH>/<task>-<HHmm>.jsonl.gz}, created only when absent, so a
 * minute is written once per task whatever is retried. "What was trending at 14:05 yesterday" is a
 * query ({@code deploy/athena-trends.sql}).
 */
public final class TrendHistory {

    static final int TOP = 10;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm").withZone(ZoneOffset.UTC);

    private final ObjectStore store;
    private final String prefix;
    private final String task;
    private HubEvent held;

    /** One scope at the end of one minute: what the history table holds per line. */
    public record Line(Instant minute, String task, String scope, long posts, double postsPerSecond,
            SentimentView sentiment, List<TrendItem> top, List<Rising> rising, List<Rising> trending,
            List<Influencer> accounts) {
    }

    public TrendHistory(ObjectStore store, String prefix, String task) {
        this.store = store;
        this.prefix = prefix;
        this.task = task.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** The task's name in keys: {@code HOSTNAME} (one per ECS task), else a random one per process. */
    public static String taskName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "task-" + UUID.randomUUID().toString().substring(0, 8) : host;
    }

    /**
     * A tick of the live view: when it opens a new minute, the last tick of the minute before is
     * written. Returns what was written (an empty Uni otherwise).
     */
    public synchronized Uni<Boolean> onTick(HubEvent event) {
        if (event.isPing()) {
            return Uni.createFrom().item(false);
        }
        HubEvent previous = held;
        held = event;
        if (previous == null || minute(previous).equals(minute(event))) {
            return Uni.createFrom().item(false);
        }
        return write(previous);
    }

    /** Writes the held tick's minute now: at a stop, so the last minute is not lost. */
    public synchronized Uni<Boolean> flush() {
        return held == null ? Uni.createFrom().item(false) : write(held);
    }

    static Instant minute(HubEvent event) {
        return Instant.ofEpochMilli(event.id()).truncatedTo(ChronoUnit.MINUTES);
    }

    String key(Instant minute) {
        return prefix + "/trends/dt=" + DAY.format(minute) + "/hour=" + HOUR.format(minute) + "/" + task + "-"
                + HHMM.format(minute) + ".jsonl.gz";
    }

    private Uni<Boolean> write(HubEvent event) {
        Instant minute = minute(event);
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, TrendSnapshot> e : event.scopes().entrySet()) {
            if (e.getKey().endsWith("|1m")) {
                TrendSnapshot s = e.getValue();
                lines.append(json(new Line(minute, task, s.scope(), s.posts(), s.postsPerSecond(), s.sentiment(),
                        s.top().subList(0, Math.min(TOP, s.top().size())), s.rising(), s.trending(),
                        s.influencers() == null ? List.of() : s.influencers().engagement()))).append('\n');
            }
        }
        String key = key(minute);
        return store.create(key, gzip(lines.toString()), "application/x-ndjson", "gzip", Map.of())
                .onFailure().invoke(f -> Log.warnf("trends: the history of %s could not be written: %s", minute,
                        f.toString()))
                .onFailure().recoverWithItem(false);
    }

    private static String json(Line line) {
        try {
            return PostCodec.mapper().writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
