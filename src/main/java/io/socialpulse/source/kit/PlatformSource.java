package io.socialpulse.source.kit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.Page;
import io.socialpulse.source.Source;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.source.SourceStatus.State;
import io.socialpulse.source.kit.PlatformException.Kind;

/**
 * What every platform poller does the same way. Before a request it asks the rate bucket; after
 * one it sorts the outcome: a page of new posts (duplicates of recently committed posts dropped),
 * a window to wait out, a quota to park on, a fault to back off from, or a page that cannot be
 * read, which is quarantined with the cursor left before it. The cursor is a small JSON document
 * saved to the cursor store on commit, so a restart resumes exactly where the last accepted page
 * ended.
 */
public abstract class PlatformSource implements Source {

    /** Requests a poll may take at most, each within SOURCES_TIMEOUT. */
    static final int POLL_REQUESTS = 4;

    /** One fetch: the new posts, the cursor after them, and whether another page is ready now. */
    public record Fetched(List<Post> posts, ObjectNode cursor, boolean more) {
    }

    protected final PlatformContext context;
    private final String id;
    private final String platform;
    private final Duration interval;
    private final RateGovernor.Bucket bucket;
    private final RecentIds recent;
    /** Ids collected within the look-back, committed with the cursor (empty for sources without one). */
    private SeenIds seen = SeenIds.none();
    private SourceStatus status = new SourceStatus("-", "-");
    private ObjectNode cursor;
    private String committed;
    private Instant notBefore = Instant.EPOCH;
    private int failures;
    /** The body last quarantined: the same malformed page answered again is not stored again. */
    private int lastQuarantined;

    protected PlatformSource(PlatformContext context, String platform, String query, String host, Duration interval,
            RateGovernor.Bucket bucket) {
        this.context = context;
        this.platform = platform;
        this.id = key(platform, query, host);
        this.interval = interval;
        this.bucket = bucket;
        this.recent = new RecentIds(context.recentIds());
    }

    /** The next page after {@code cursor} (a copy the fetch may change and return). */
    protected abstract Uni<Fetched> fetch(ObjectNode cursor);

    /**
     * How far back this source reads again what it may have read before (late statuses, late-indexed
     * posts). The ids it collects stay in its cursor that long, so that nothing read twice is sent
     * twice, across restarts too. Zero (the default) for sources whose cursor never reads back.
     */
    protected Duration lookback() {
        return Duration.ZERO;
    }

    /** The most ids a cursor keeps: enough for a busy look-back, small enough to save on every commit. */
    static final int SEEN_CAPACITY = 20_000;
    /** How long past the look-back an id is kept: a run that began before the window moved may still read it. */
    static final Duration SEEN_MARGIN = Duration.ofMinutes(5);

    /**
     * A source id that is stable for a platform, query and host, readable, and safe as a file or
     * object name: {@code x-acme-lang-en-3f2a91c0}.
     */
    public static String key(String platform, String query, String host) {
        String slug = query.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        slug = slug.length() > 40 ? slug.substring(0, 40) : slug;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((platform + "\n" + query + "\n" + host).getBytes(StandardCharsets.UTF_8));
            return platform + (slug.isEmpty() ? "" : "-" + slug) + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String platform() {
        return platform;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void watch(SourceStatus status) {
        this.status = status;
    }

    /** Counts posts a connector dropped because its cursor says they were collected already. */
    protected void dropped(int duplicates) {
        if (duplicates > 0) {
            status.duplicates(duplicates);
        }
    }

    protected RateGovernor.Bucket bucket() {
        return bucket;
    }

    @Override
    public Uni<Page> poll() {
        Instant now = context.clock().instant();
        if (!bucket.open()) {
            status.state(bucket.state(), bucket.openAt(), null);
            return idle();
        }
        if (now.isBefore(notBefore)) {
            return idle();
        }
        // Each request is bounded by SOURCES_TIMEOUT; a poll (a session, a lookup, a page) by four of them,
        // so that no run holds its source however the platform behaves.
        Duration deadline = context.http().timeout().multipliedBy(POLL_REQUESTS);
        return loaded().chain(() -> fetch(cursor.deepCopy()))
                .ifNoItem().after(deadline).failWith(() -> PlatformException.of(Kind.TRANSIENT,
                        "no page within " + deadline.toSeconds() + " s (" + POLL_REQUESTS + " times SOURCES_TIMEOUT)"))
                .map(this::page)
                .onFailure().recoverWithUni(this::failed);
    }

    private Uni<Void> loaded() {
        if (cursor != null) {
            return Uni.createFrom().voidItem();
        }
        return context.cursors().load(id).<Void>map(stored -> {
            cursor = stored.map(this::read).orElseGet(Json::object);
            keepSeenApart();
            committed = stored.orElse(null);
            status.cursor(committed);
            Log.infof("source %s: %s", id, stored.isPresent() ? "resuming from cursor " + committed : "no cursor yet");
            return null;
        }).onFailure().transform(f -> PlatformException.of(Kind.TRANSIENT,
                "cannot read the cursor from " + context.cursors().describe() + ": " + f.getMessage()));
    }

    /** The ids in the cursor go to {@link #seen}; the fetch sees the rest. */
    private void keepSeenApart() {
        if (!lookback().isZero()) {
            seen = SeenIds.of(cursor);
            cursor.remove(SeenIds.FIELD);
        }
    }

    /**
     * Quarantines one item of a page that cannot be read (the rest of the page goes on), once per
     * item; the store runs in the background and a failure to store is logged.
     */
    protected void quarantineItem(HttpAnswer answer, JsonNode item, String reason) {
        status.quarantine();
        byte[] body = item.toString().getBytes(StandardCharsets.UTF_8);
        String name = id + "/" + context.clock().millis() + "-item-" + Integer.toHexString(item.hashCode());
        String where = answer == null ? "" : " (from " + Secrets.scrub(answer.uri().toString()) + ")";
        Log.warnf("source %s: %s; the item is quarantined, the rest of the page kept", id, reason);
        context.deadLetters().store("pages", name, Secrets.scrubBody(body), reason + where)
                .subscribe().with(ok -> {
                }, f -> Log.errorf("source %s: could not quarantine an item: %s", id, f.getMessage()));
    }

    private ObjectNode read(String text) {
        try {
            return (ObjectNode) PostCodec.mapper().readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("stored cursor of " + id + " is not a JSON object", e);
        }
    }

    private Page page(Fetched fetched) {
        failures = 0;
        notBefore = Instant.EPOCH;
        List<Post> fresh = new ArrayList<>(fetched.posts().size());
        Set<String> inPage = new HashSet<>();
        for (Post post : fetched.posts()) {
            if (!recent.contains(post.id()) && !seen.contains(post.id()) && inPage.add(post.id())) {
                fresh.add(post);
            }
        }
        ObjectNode next = fetched.cursor();
        if (!lookback().isZero()) {
            next = seen.with(inPage, context.clock().instant(), lookback().plus(SEEN_MARGIN),
                    Math.min(SEEN_CAPACITY, context.recentIds())).into(next.deepCopy());
        }
        if (fresh.size() < fetched.posts().size()) {
            status.duplicates(fetched.posts().size() - fresh.size());
        }
        if (bucket.open()) {
            status.state(State.RUNNING, null, null);
        } else {
            status.state(bucket.state(), bucket.openAt(), null);
        }
        return new Page(fresh, next.toString(), fetched.more() && bucket.open());
    }

    private Uni<Page> failed(Throwable failure) {
        PlatformException problem = failure instanceof PlatformException known
                ? retryAfter(known)
                : PlatformException.of(Kind.TRANSIENT,
                        failure.getClass().getSimpleName() + ": " + failure.getMessage());
        Uni<Void> quarantine = Uni.createFrom().voidItem();
        switch (problem.kind()) {
            case MALFORMED, REQUEST -> {
                failures++;
                long delay = Math.min(Duration.ofMinutes(15).toMillis(),
                        interval.toMillis() << Math.min(failures - 1, 10));
                notBefore = context.clock().instant().plusMillis(delay);
                String message = failures > 1
                        ? problem.getMessage() + " (" + failures + " times in a row)"
                        : problem.getMessage();
                status.state(State.FAILING, notBefore, message);
                // The cursor never skips what was not read, so the page is asked for again (at most every
                // 15 minutes, the platform may mend it); the same answer is quarantined only once.
                if (problem.kind() == Kind.MALFORMED && problem.answer() != null
                        && Arrays.hashCode(problem.answer().body()) != lastQuarantined) {
                    lastQuarantined = Arrays.hashCode(problem.answer().body());
                    quarantine = quarantine(problem);
                }
            }
            default -> {
                State state = bucket.failed(problem);
                status.state(state, bucket.openAt(), problem.getMessage());
            }
        }
        Log.warnf("source %s: %s; %s", id, problem.getMessage(), next(problem.kind()));
        return quarantine.replaceWith(idleNow());
    }

    /** The failure with the answer's {@code Retry-After} as its time, if it has none of its own. */
    private PlatformException retryAfter(PlatformException problem) {
        Instant until = problem.until() != null || problem.answer() == null
                ? null
                : problem.answer().retryAfter(context.clock().instant());
        return until == null
                ? problem
                : new PlatformException(problem.kind(), problem.getMessage(), until, problem.answer());
    }

    private String next(Kind kind) {
        return switch (kind) {
            case WINDOW -> "waiting for the rate window to reset at " + bucket.openAt();
            case QUOTA -> "parked until " + bucket.openAt() + ", other sources keep going";
            case MALFORMED -> "page quarantined, cursor kept, next try after " + notBefore;
            case REQUEST -> "cursor kept, next try after " + notBefore;
            default -> "next try after " + bucket.openAt();
        };
    }

    private Uni<Void> quarantine(PlatformException problem) {
        HttpAnswer answer = problem.answer();
        String name = id + "/" + context.clock().millis() + "-" + answer.status();
        String reason = problem.getMessage() + " (from " + Secrets.scrub(answer.uri().toString()) + ")";
        status.quarantine();
        return context.deadLetters().store("pages", name, Secrets.scrubBody(answer.body()), reason)
                .onFailure().invoke(f -> Log.errorf("source %s: could not quarantine a page: %s", id, f.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Page> idle() {
        return Uni.createFrom().item(this::idleNow);
    }

    private Page idleNow() {
        return Page.empty(committed == null ? "" : committed);
    }

    @Override
    public Uni<Void> commit(Page page) {
        if (page.cursor().isEmpty() || page.cursor().equals(committed)) {
            return Uni.createFrom().voidItem();
        }
        return context.cursors().save(id, page.cursor()).invoke(() -> {
            committed = page.cursor();
            cursor = read(committed);
            keepSeenApart();
            page.posts().forEach(post -> recent.add(post.id()));
            status.cursor(committed);
        });
    }
}
