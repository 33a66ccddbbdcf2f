package io.socialpulse.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.ServiceProcess;

/** The packaged service posts the demo's burst alert to a webhook, with example posts, and counts it. */
class AlertDeliveryIT {

    private static final String HOOK = "/services/T000/B000/s3cretT0ken";

    @Test
    void aBurstReachesTheWebhookWithItsExamplePosts() throws Exception {
        WireMockServer receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        try {
            receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
            receiver.stubFor(post(anyUrl()).withRequestBody(containing("Action=Publish")).willReturn(aResponse()
                    .withStatus(200).withBody(
                            "<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>")));
            Emulators emulators = Emulators.get();
            Map<String, String> env = ServiceProcess.environment(emulators.createStream("alerts", 1),
                    emulators.createBucket("alerts"));
            env.put("SERVICE_ROLES", "sources,trends");
            env.put("SOURCES_ENABLED", "demo");
            env.put("SOURCES_DEMO_FIRST_BURST", "8s");
            env.put("TRENDS_TICK", "500ms");
            env.put("TRENDS_RISING_WARMUP", "0s");
            env.put("ALERTS_WEBHOOK_URL", "http://127.0.0.1:" + receiver.port() + HOOK);
            env.put("ALERTS_SNS_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:pulse-alerts");
            env.put("ALERTS_SNS_ENDPOINT", receiver.baseUrl() + "/sns");
            env.put("METRICS_EMF", "true");
            env.put("METRICS_EMF_INTERVAL", "1s");
            try (ServiceProcess service = ServiceProcess.start("alerts", env)) {
                List<LoggedRequest> posted = Eventually.get(Duration.ofSeconds(90),
                        () -> receiver.findAll(postRequestedFor(urlEqualTo(HOOK))), r -> !r.isEmpty());
                JsonNode body = PostCodec.mapper().readTree(posted.get(0).getBodyAsString());
                assertTrue(body.get("text").asText().contains(" is spiking: "), body.toString());
                assertTrue(body.get("examples").size() > 0, "the spiking tag's example posts: " + body);
                String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port() + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.lines().anyMatch(l -> l.startsWith("socialpulse_alerts_webhook_sent_total")
                        && !l.endsWith(" 0.0")), metrics.lines().filter(l -> l.contains("webhook")).toList()
                                .toString());
                assertFalse(service.output().contains("s3cretT0ken"), "the webhook's token is never logged");

                // The same alert published to the topic, and the meters on standard output for CloudWatch.
                List<LoggedRequest> published = Eventually.get(Duration.ofSeconds(30),
                        () -> receiver
                                .findAll(postRequestedFor(anyUrl()).withRequestBody(containing("Action=Publish"))),
                        r -> !r.isEmpty());
                assertTrue(published.get(0).getBodyAsString().contains("TopicArn=arn%3Aaws%3Asns"));
                JsonNode line = Eventually.get(Duration.ofSeconds(30), () -> service.output().lines()
                        .filter(l -> l.startsWith("{\"_aws\"") && l.contains("\"source.posts\"")).map(l -> {
                            try {
                                return PostCodec.mapper().readTree(l);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }).filter(n -> n.get("source.posts").asDouble() > 0).findFirst().orElse(null),
                        n -> n != null);
                String emf = String.valueOf(line);
                assertTrue(line != null && line.get("source.posts").asDouble() > 0, emf);
                assertTrue(line.at("/_aws/CloudWatchMetrics/0/Dimensions/0").toString().contains("platform"), emf);
            }
        } finally {
            receiver.stop();
        }
    }
}
