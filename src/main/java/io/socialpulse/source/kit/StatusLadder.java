package io.socialpulse.source.kit;

import java.time.Instant;

import io.socialpulse.source.kit.PlatformException.Kind;

/**
 * How a refused answer reads, the same for every platform: 429 is a rate window to wait out (until
 * {@code reset} when the platform says), 401 and 403 a credential or access refused, 5xx a fault to
 * back off from, anything else a request the platform will not take. A connector handles its own
 * special answers before it asks the ladder (X's usage cap, LinkedIn's daily limit, Bluesky's HTML
 * 403), and words each rung for its users: what to check, which setting to change.
 */
public final class StatusLadder {

    /** The words of one rung, from the status and the platform's own detail. */
    @FunctionalInterface
    public interface Words {
        String say(int status, String detail);
    }

    private final Words window;
    private final Words auth;
    private final Words fault;
    private final Words refused;

    private StatusLadder(Words window, Words auth, Words fault, Words refused) {
        this.window = window;
        this.auth = auth;
        this.fault = fault;
        this.refused = refused;
    }

    /** The ladder of {@code who} ("X", "Mastodon mastodon.social") in plain words. */
    public static StatusLadder of(String who) {
        return new StatusLadder((s, d) -> who + " rate limit reached (HTTP " + s + ")",
                (s, d) -> who + " refused access (HTTP " + s + " " + d + ")", (s, d) -> who + " answered HTTP " + s,
                (s, d) -> who + " refused the request (HTTP " + s + " " + d + ")");
    }

    public StatusLadder window(Words words) {
        return new StatusLadder(words, auth, fault, refused);
    }

    public StatusLadder auth(Words words) {
        return new StatusLadder(window, words, fault, refused);
    }

    /** A platform without credentials: a 401 or 403 is a refused request like any other. */
    public StatusLadder noAuth() {
        return new StatusLadder(window, null, fault, refused);
    }

    public StatusLadder fault(Words words) {
        return new StatusLadder(window, auth, words, refused);
    }

    public StatusLadder refused(Words words) {
        return new StatusLadder(window, auth, fault, words);
    }

    /** The failure {@code answer} stands for; {@code reset} is when a rate window ends, if known. */
    public PlatformException classify(HttpAnswer answer, Instant reset, String detail) {
        int status = answer.status();
        if (status == 429) {
            return new PlatformException(Kind.WINDOW, window.say(status, detail), reset, answer);
        }
        if ((status == 401 || status == 403) && auth != null) {
            return PlatformException.of(Kind.AUTH, auth.say(status, detail));
        }
        if (status >= 500) {
            return PlatformException.of(Kind.TRANSIENT, fault.say(status, detail), answer);
        }
        return PlatformException.of(Kind.REQUEST, refused.say(status, detail));
    }
}
