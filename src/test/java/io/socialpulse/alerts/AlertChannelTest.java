package io.socialpulse.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.Eventually;
import io.socialpulse.trends.Alert;
import io.socialpulse.trends.Driver;

/** Alerts posted to a webhook receiver (WireMock): delivered, retried, dropped and counted, never waited for. */
class AlertChannelTest {

    private static final String PATH = "/services/T000/B000/XXXXsecretXXXX";
    private final WireMockServer receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private AlertChannel webhook;

    private static final Alert ALERT = new Alert(Instant.parse("2026-12-03T10:00:00Z"), "acme", "spike", 52, 3.2,
            7.1, true);
    private static final List<Driver.Example> EXAMPLES = List.of(new Driver.Example("https://x.com/ann/status/1",
            "ann", "x", "acme <launch> | today", Map.of("likes", 40L), 40, Instant.parse("2026-12-03T09:59:00Z")));

    @BeforeEach
    void start() {
        receiver.start();
    }

    @AfterEach
    void stop() {
        if (webhook != null) {
            webhook.close();
        }
        receiver.stop();
    }

    private AlertChannel webhook(int attempts, int queue, Duration timeout) {
        webhook = AlertChannel.webhook(URI.create("http://127.0.0.1:" + receiver.port() + PATH), attempts,
                Duration.ofMillis(50), timeout, queue);
        return webhook;
    }

    private int received() {
        return receiver.findAll(postRequestedFor(urlEqualTo(PATH))).size();
    }

    @Test
    void anAlertArrivesAsSlackTextWithItsExamplePosts() throws Exception {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
        webhook(3, 10, Duration.ofSeconds(5)).offer(ALERT, EXAMPLES);
        Eventually.get(Duration.ofSeconds(10), webhook::sent, n -> n == 1);
        JsonNode body = PostCodec.mapper().readTree(receiver.findAll(postRequestedFor(urlEqualTo(PATH))).get(0)
                .getBodyAsString());
        assertEquals("Watched acme is spiking: 52 posts against 3.2 usually (z 7.1)\n"
                + "• ann on x: <https://x.com/ann/status/1|acme &lt;launch&gt; ¦ today>", body.get("text").asText());
        assertEquals("acme", body.at("/alert/term").asText());
        assertEquals(40, body.at("/examples/0/engagement").asLong());
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffUntilItAnswers() {
        receiver.stubFor(post(anyUrl()).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        receiver.stubFor(post(anyUrl()).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429)).willSetStateTo("third"));
        receiver.stubFor(post(anyUrl()).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200)));
        webhook(5, 10, Duration.ofSeconds(5)).offer(ALERT, EXAMPLES);
        Eventually.get(Duration.ofSeconds(10), webhook::sent, n -> n == 1);
        assertEquals(2, webhook.retries());
        assertEquals(3, received());
    }

    @Test
    void pastItsTriesOrOnARefusalAnAlertIsDroppedAndCounted() {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(500)));
        webhook(3, 10, Duration.ofSeconds(5)).offer(ALERT, EXAMPLES);
        Eventually.get(Duration.ofSeconds(10), () -> webhook.dropped("attempts"), n -> n == 1);
        assertEquals(3, received());
        assertEquals(0, webhook.sent());

        receiver.resetAll();
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(404).withBody("no_service")));
        webhook.offer(ALERT, EXAMPLES);
        Eventually.get(Duration.ofSeconds(10), () -> webhook.dropped("refused"), n -> n == 1);
        assertEquals(1, received(), "a 404 is not retried");
    }

    @Test
    void aSlowReceiverNeverHoldsTheCallerAndAFullQueueDrops() {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        AlertChannel slow = webhook(1, 2, Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            slow.offer(ALERT, EXAMPLES); // returns at once: the receiver has answered nothing yet
        }
        assertEquals(0, slow.sent(), "offer did not wait for the receiver");
        assertEquals(3, slow.dropped("queue-full"), "two wait, three are dropped");
        Eventually.get(Duration.ofSeconds(20), slow::sent, n -> n == 2);
    }

    @Test
    void noAnswerAtAllCountsAsAFailedTry() {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(2000)));
        webhook(2, 10, Duration.ofMillis(200)).offer(ALERT, EXAMPLES);
        Eventually.get(Duration.ofSeconds(10), () -> webhook.dropped("attempts"), n -> n == 1);
        assertEquals(1, webhook.retries(), "one retry after the timeout");
    }
}
