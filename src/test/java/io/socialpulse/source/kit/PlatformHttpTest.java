package io.socialpulse.source.kit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

/** The platform client against a real HTTP server: where it goes, and how long it waits. */
class PlatformHttpTest {

    private final WireMockServer platform = started();
    private final WireMockServer internal = started();
    private final PlatformHttp http = new PlatformHttp(Duration.ofSeconds(1), 1 << 20);

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        platform.stop();
        internal.stop();
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowedAndItsAnswerNeverRead() {
        internal.stubFor(get("/latest/meta-data/iam").willReturn(aResponse().withBody("secret-role-credentials")));
        platform.stubFor(get("/api/v1/timelines/tag/java").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + internal.port() + "/latest/meta-data/iam")));
        PlatformException failure = assertThrows(PlatformException.class,
                () -> http.get(uri("/api/v1/timelines/tag/java"), Map.of()).await().atMost(Duration.ofSeconds(10)));
        assertEquals(PlatformException.Kind.REQUEST, failure.kind());
        assertTrue(failure.getMessage().contains("not followed"), failure.getMessage());
        assertFalse(failure.getMessage().contains("secret-role-credentials"));
        assertEquals(0, internal.countRequestsMatching(getRequestedFor(urlEqualTo("/latest/meta-data/iam")).build())
                .getCount(), "the other host was never asked");
    }

    @Test
    void aRedirectWithinTheSameOriginIsFollowed() {
        platform.stubFor(get("/old").willReturn(aResponse().withStatus(301).withHeader("Location", "/new")));
        platform.stubFor(get("/new").willReturn(aResponse().withBody("[]")));
        HttpAnswer answer = http.get(uri("/old"), Map.of("Authorization", "Bearer t")).await()
                .atMost(Duration.ofSeconds(10));
        assertEquals(200, answer.status());
        assertEquals("[]", new String(answer.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aBodyThatStallsAfterTheHeadersEndsAtTheTimeout() {
        platform.stubFor(get("/slow").willReturn(aResponse().withBody("[" + "{}, ".repeat(2000) + "{}]")
                .withChunkedDribbleDelay(5, 30_000)));
        long start = System.nanoTime();
        PlatformException failure = assertThrows(PlatformException.class,
                () -> http.get(uri("/slow"), Map.of()).await().atMost(Duration.ofSeconds(20)));
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertEquals(PlatformException.Kind.TRANSIENT, failure.kind());
        assertTrue(failure.getMessage().contains("no complete answer within SOURCES_TIMEOUT"), failure.getMessage());
        assertTrue(seconds < 10, "ended after " + seconds + " s, not when the body would have");
    }

    @Test
    void theClientsOwnDeadlineAndOursReadAlike() {
        // Both deadlines are SOURCES_TIMEOUT; which fires first depends on the machine's load.
        for (Throwable late : List.of(new TimeoutException(), new HttpTimeoutException("request timed out"))) {
            Throwable failure = PlatformHttp.fault(uri("/slow"), new CompletionException(late), Duration.ofSeconds(1));
            assertTrue(failure.getMessage().contains("no complete answer within SOURCES_TIMEOUT (1 s)"),
                    failure.getMessage());
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + platform.port() + path);
    }
}
