package io.socialpulse.source.kit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.post.Post;
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
    private SourceStatus status = new SourceStatus("-", "-");
    private final SourceCursor cursor;
    private Instant notBefore = Instant.EPOCH;
    private int failures;
    private final Quarantine quarantine;

    protected PlatformSource(PlatformContext context, String platform, String query, String host, Duration interval,
            RateGovernor.Bucket bucket) {
        this.context = context;
        this.platform = platform;
        this.id = key(platform, query, host);
        this.interval = interval;
        this.bucket = bucket;
        this.recent = new RecentIds(context.recentIds());
        this.quarantine = new Quarantine(context, id);
        this.cursor = new SourceCursor(context, id);
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
        return cursor.loaded(lookback(), status).chain(() -> fetch(cursor.copy()))
                .ifNoItem().after(deadline).failWith(() -> PlatformException.of(Kind.TRANSIENT,
                        "no page within " + deadline.toSeconds() + " s (" + POLL_REQUESTS + " times SOURCES_TIMEOUT)"))
                .map(this::page)
                .onFailure().recoverWithUni(this::failed);
    }

    /** Quarantines one item of a page that cannot be read, once; the rest of the page goes on. */
    protected void quarantineItem(HttpAnswer answer, JsonNode item, String reason) {
        quarantine.item(answer, item, reason, status);
    }

    private Page page(Fetched fetched) {
        failures = 0;
        notBefore = Instant.EPOCH;
        List<Post> fresh = new ArrayList<>(fetched.posts().size());
        Set<String> inPage = new HashSet<>();
        for (Post post : fetched.posts()) {
            if (!recent.contains(post.id()) && !cursor.seen(post.id()) && inPage.add(post.id())) {
                fresh.add(post);
            }
        }
        String next = cursor.next(fetched.cursor(), inPage, lookback());
        if (fresh.size() < fetched.posts().size()) {
            status.duplicates(fetched.posts().size() - fresh.size());
        }
        if (bucket.open()) {
            status.state(State.RUNNING, null, null);
        } else {
            status.state(bucket.state(), bucket.openAt(), null);
        }
        return new Page(fresh, next, fetched.more() && bucket.open());
    }

    private Uni<Page> failed(Throwable failure) {
        PlatformException problem = failure instanceof PlatformException known
                ? retryAfter(known)
                : PlatformException.of(Kind.TRANSIENT,
                        failure.getClass().getSimpleName() + ": " + failure.getMessage());
        Uni<Void> kept = Uni.createFrom().voidItem();
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
                if (problem.kind() == Kind.MALFORMED) {
                    kept = quarantine.answer(problem, status);
                }
            }
            default -> {
                State state = bucket.failed(problem);
                status.state(state, bucket.openAt(), problem.getMessage());
            }
        }
        Log.warnf("source %s: %s; %s", id, problem.getMessage(), next(problem.kind()));
        return kept.replaceWith(idleNow());
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

    private Uni<Page> idle() {
        return Uni.createFrom().item(this::idleNow);
    }

    private Page idleNow() {
        return Page.empty(cursor.committed());
    }

    @Override
    public Uni<Void> commit(Page page) {
        return cursor.save(page.cursor(), lookback(), status).invoke(saved -> {
            if (saved) {
                page.posts().forEach(post -> recent.add(post.id()));
            }
        }).replaceWithVoid();
    }
}
