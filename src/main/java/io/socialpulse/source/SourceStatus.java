package io.socialpulse.source;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What a source has done, for logs and status: last poll, posts collected, cursor, last error. */
public final class SourceStatus {

    private final String id;
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile Instant lastPoll;
    private volatile String cursor;
    private volatile String lastError;

    SourceStatus(String id) {
        this.id = id;
    }

    void polled(Page page) {
        lastPoll = Instant.now();
        posts.addAndGet(page.posts().size());
        cursor = page.cursor();
        lastError = null;
    }

    void failed(Throwable failure) {
        errors.incrementAndGet();
        lastPoll = Instant.now();
        lastError = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    public String id() {
        return id;
    }

    public long posts() {
        return posts.get();
    }

    public long errors() {
        return errors.get();
    }

    public Instant lastPoll() {
        return lastPoll;
    }

    public String cursor() {
        return cursor;
    }

    public String lastError() {
        return lastError;
    }
}
