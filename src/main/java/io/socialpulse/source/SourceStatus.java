package io.socialpulse.source;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a source is doing, for {@code GET /sources}, health and metrics: its state, last and next
 * poll, posts collected, cursor, and the last error. Every text here has been scrubbed of secrets
 * by the source before it is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public final class SourceStatus {

    /** Where a source stands. */
    public enum State {
        /** Polling on its schedule. */
        RUNNING,
        /** The platform's rate window is used up; the source waits for its reset. */
        WAITING,
        /** A quota or usage cap is used up; the source retries on a slow schedule. */
        PARKED,
        /** Its last polls failed (outage, bad token, malformed answers); it backs off and retries. */
        FAILING,
        /** The service is stopping. */
        STOPPED
    }

    private final String id;
    private final String platform;
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile State state = State.RUNNING;
    private volatile Instant lastPoll;
    private volatile Instant nextPoll;
    private volatile Instant until;
    private volatile String cursor;
    private volatile String lastError;

    public SourceStatus(String id, String platform) {
        this.id = id;
        this.platform = platform;
    }

    /** A page was published and its cursor committed. */
    void polled(Page page) {
        lastPoll = Instant.now();
        posts.addAndGet(page.posts().size());
        cursor = page.cursor();
        if (state == State.RUNNING) {
            lastError = null;
        }
    }

    /** A run failed outside the source (the publisher refused the page). */
    void failed(String error) {
        errors.incrementAndGet();
        lastPoll = Instant.now();
        lastError = error;
    }

    /** The source moved to {@code state} until {@code until} (null when it has no end). */
    public void state(State state, Instant until, String error) {
        this.state = state;
        this.until = until;
        if (error != null) {
            errors.incrementAndGet();
            lastError = error;
        }
        if (state == State.RUNNING) {
            lastError = null;
        }
    }

    public void quarantine() {
        quarantined.incrementAndGet();
    }

    public void duplicates(int count) {
        duplicates.addAndGet(count);
    }

    public void cursor(String cursor) {
        this.cursor = cursor;
    }

    void nextPoll(Instant next) {
        this.nextPoll = next;
    }

    @JsonProperty
    public String id() {
        return id;
    }

    @JsonProperty
    public String platform() {
        return platform;
    }

    @JsonProperty
    public State state() {
        return state;
    }

    /** When a waiting or parked source tries again. */
    @JsonProperty
    public Instant until() {
        return until;
    }

    @JsonProperty
    public long posts() {
        return posts.get();
    }

    @JsonProperty
    public long errors() {
        return errors.get();
    }

    /** Pages kept under {@code dead-letter/pages/} because they could not be read. */
    @JsonProperty
    public long quarantined() {
        return quarantined.get();
    }

    /** Posts dropped because the source had already collected them (overlapping pages). */
    @JsonProperty
    public long duplicates() {
        return duplicates.get();
    }

    @JsonProperty
    public Instant lastPoll() {
        return lastPoll;
    }

    @JsonProperty
    public Instant nextPoll() {
        return nextPoll;
    }

    @JsonProperty
    public String cursor() {
        return cursor;
    }

    @JsonProperty
    public String lastError() {
        return lastError;
    }
}
