package io.socialpulse.source.kit;

import java.time.Instant;

/**
 * Why a poll produced no page, sorted by what the source should do next. The message is shown to
 * users (status, logs) and is scrubbed of secrets when the exception is made.
 */
public final class PlatformException extends RuntimeException {

    /** What went wrong, and so how long to stay away. */
    public enum Kind {
        /** The rate window is used up: wait until {@code until}, its reset. */
        WINDOW,
        /** A quota or usage cap is used up: park until {@code until} or the configured park time. */
        QUOTA,
        /** Outage, 5xx, connection fault, timeout: exponential backoff. */
        TRANSIENT,
        /** The credential was refused: a slow backoff, nothing will change until a user acts. */
        AUTH,
        /** The answer could not be read: quarantine the raw page, keep the cursor, back off. */
        MALFORMED,
        /** The platform refused the request itself (bad query, unknown object): back off slowly. */
        REQUEST
    }

    private final Kind kind;
    private final transient Instant until;
    private final transient HttpAnswer answer;

    public PlatformException(Kind kind, String message, Instant until, HttpAnswer answer) {
        super(Secrets.scrub(message), null, false, false);
        this.kind = kind;
        this.until = until;
        this.answer = answer;
    }

    public static PlatformException of(Kind kind, String message) {
        return new PlatformException(kind, message, null, null);
    }

    public static PlatformException of(Kind kind, String message, HttpAnswer answer) {
        return new PlatformException(kind, message, null, answer);
    }

    public Kind kind() {
        return kind;
    }

    /** When the platform said it will take requests again, if it said. */
    public Instant until() {
        return until;
    }

    /** The answer that caused this, kept for quarantine; null for connection faults. */
    public HttpAnswer answer() {
        return answer;
    }
}
