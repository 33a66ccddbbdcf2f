package io.socialpulse.source.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.socialpulse.source.kit.PlatformException.Kind;

/** Reading the numbers platforms put in headers, and the status ladder every connector shares. */
class HttpAnswerTest {

    private static HttpAnswer answer(int status, Map<String, List<String>> headers) {
        return new HttpAnswer(URI.create("https://api.example/x"), status, headers, new byte[0]);
    }

    @Test
    void rateHeadersAreReadAsTheyAreWrittenAndNeverThrow() {
        HttpAnswer answer = answer(200, Map.of("x-ratelimit-remaining", List.of(" 596.0 "), "ratelimit-remaining",
                List.of("42"), "x-rate-limit-remaining", List.of("many"), "x-ratelimit-reset", List.of("3.5")));
        assertEquals(596, answer.remaining("x-ratelimit-remaining"), "Reddit's decimals");
        assertEquals(42, answer.remaining("ratelimit-remaining"));
        assertEquals(-1, answer.remaining("x-rate-limit-remaining"), "not a number: nothing known");
        assertEquals(-1, answer.remaining("absent"));
        assertEquals(3.5, answer.number("x-ratelimit-reset"));
        assertNull(answer.number("absent"));
        assertEquals(-1, answer(200, Map.of("r", List.of("-3"))).remaining("r"));
    }

    @Test
    void theLadderReadsEachStatusTheSameWayForEveryPlatform() {
        StatusLadder ladder = StatusLadder.of("Acme");
        Instant reset = Instant.parse("2026-12-03T10:00:00Z");
        PlatformException window = ladder.classify(answer(429, Map.of()), reset, "slow down");
        assertEquals(Kind.WINDOW, window.kind());
        assertEquals(reset, window.until());
        assertEquals(Kind.AUTH, ladder.classify(answer(401, Map.of()), null, "").kind());
        assertEquals(Kind.AUTH, ladder.classify(answer(403, Map.of()), null, "").kind());
        assertEquals(Kind.TRANSIENT, ladder.classify(answer(503, Map.of()), null, "").kind());
        assertEquals(Kind.REQUEST, ladder.classify(answer(400, Map.of()), null, "").kind());
        assertEquals("Acme refused the request (HTTP 404 no such thing)",
                ladder.classify(answer(404, Map.of()), null, "no such thing").getMessage());
        assertEquals(Kind.REQUEST, ladder.noAuth().classify(answer(403, Map.of()), null, "").kind(),
                "a platform without credentials reads a 403 as a refused request");
        assertEquals("Acme wants a key (HTTP 401)", ladder.auth((s, d) -> "Acme wants a key (HTTP " + s + ")")
                .classify(answer(401, Map.of()), null, "").getMessage());
    }
}
