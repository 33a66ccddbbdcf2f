package io.socialpulse.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.Eventually;
import io.socialpulse.trends.Alert;
import io.socialpulse.trends.Driver;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Alerts published to SNS by the AWS SDK, with WireMock answering as SNS's query API does: the
 * message shaped per subscriber, signed for the topic's region, throttles and 5xx retried, a
 * refusal dropped and counted.
 */
class AlertTopicTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:pulse-alerts";
    private static final String PUBLISHED = """
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>
              <ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata>
            </PublishResponse>""";
    private static final Alert ALERT = new Alert(Instant.parse("2026-12-03T10:00:00Z"), "café", "spike", 52, 3.2,
            7.1, false);
    private static final List<Driver.Example> EXAMPLES = List.of(new Driver.Example("https://x.com/ann/status/1",
            "ann", "x", "le café est ouvert", Map.of("likes", 40L), 40, Instant.parse("2026-12-03T09:59:00Z")));

    private final WireMockServer sns = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private AlertChannel channel;

    @BeforeEach
    void start() {
        sns.start();
        channel = new AlertChannel("sns", new TopicTransport(TOPIC, Optional.of(URI.create(sns.baseUrl())),
                Duration.ofSeconds(5), StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST",
                        "test-secret"))),
                4, Duration.ofMillis(50), 10);
    }

    @AfterEach
    void stop() {
        channel.close();
        sns.stop();
    }

    private static String error(String type, String code, String message) {
        return "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>" + type
                + "</Type><Code>" + code + "</Code><Message>" + message
                + "</Message></Error><RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId></ErrorResponse>";
    }

    private List<LoggedRequest> publishes() {
        return sns.findAll(postRequestedFor(urlEqualTo("/")));
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Test
    void anAlertIsPublishedAsTextForPeopleAndJsonForMachines() throws Exception {
        sns.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody(PUBLISHED)));
        channel.offer(ALERT, EXAMPLES);
        Eventually.get(Duration.ofSeconds(10), channel::sent, n -> n == 1);

        LoggedRequest request = publishes().get(0);
        assertTrue(request.getHeader("Authorization").contains("/eu-west-1/sns/aws4_request"),
                "signed for the topic's region: " + request.getHeader("Authorization"));
        Map<String, String> fields = form(request);
        assertEquals("Publish", fields.get("Action"));
        assertEquals(TOPIC, fields.get("TopicArn"));
        assertEquals("json", fields.get("MessageStructure"));
        assertEquals("caf? is spiking: 52 posts against 3.2 usually (z 7.1)", fields.get("Subject"),
                "SNS subjects are ASCII");
        JsonNode message = PostCodec.mapper().readTree(fields.get("Message"));
        assertEquals("café is spiking: 52 posts against 3.2 usually (z 7.1)\n"
                + "• ann on x: <https://x.com/ann/status/1|le café est ouvert>", message.get("default").asText());
        JsonNode machine = PostCodec.mapper().readTree(message.get("sqs").asText());
        assertEquals("café", machine.at("/alert/term").asText());
        assertEquals("https://x.com/ann/status/1", machine.at("/examples/0/url").asText());
    }

    @Test
    void aThrottleAndAnOutageAreRetriedUntilSnsTakesIt() {
        sns.stubFor(post(anyUrl()).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withBody(error("Sender", "Throttled", "Rate exceeded")))
                .willSetStateTo("down"));
        sns.stubFor(post(anyUrl()).inScenario("busy").whenScenarioStateIs("down")
                .willReturn(aResponse().withStatus(500).withBody(error("Receiver", "InternalError", "oops")))
                .willSetStateTo("up"));
        sns.stubFor(post(anyUrl()).inScenario("busy").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody(PUBLISHED)));
        channel.offer(ALERT, EXAMPLES);
        Eventually.get(Duration.ofSeconds(10), channel::sent, n -> n == 1);
        assertEquals(2, channel.retries());
        assertEquals(3, publishes().size(), "the SDK itself does not retry: every try is counted here");
    }

    @Test
    void aMissingTopicIsARefusalDroppedWithoutRetry() {
        sns.stubFor(post(anyUrl()).willReturn(
                aResponse().withStatus(404).withBody(error("Sender", "NotFound", "Topic does not exist"))));
        channel.offer(ALERT, EXAMPLES);
        Eventually.get(Duration.ofSeconds(10), () -> channel.dropped("refused"), n -> n == 1);
        assertEquals(1, publishes().size());
        assertEquals(0, channel.sent());
    }

    @Test
    void theRegionIsTheTopicArns() {
        assertEquals("ap-southeast-2", TopicTransport.region("arn:aws:sns:ap-southeast-2:123456789012:t"));
        assertEquals(100, TopicTransport.subject("x".repeat(300)).length());
    }
}
