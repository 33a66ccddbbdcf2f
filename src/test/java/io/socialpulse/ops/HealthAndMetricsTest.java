package io.socialpulse.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.EmulatorsResource;
import io.socialpulse.testing.Eventually;

/** Health and metrics of a service whose stream and bucket are reachable. */
@QuarkusTest
@WithTestResource(value = EmulatorsResource.class, initArgs = {
        @ResourceArg(name = "sources.enabled", value = "demo"),
        // A webhook nothing listens at: no alert is raised here, but its meters exist, as in production.
        @ResourceArg(name = "alerts.webhook-url", value = "http://127.0.0.1:9/hook")})
class HealthAndMetricsTest {

    @Test
    void isReadyWhenTheStreamAndTheBucketAnswer() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'pipeline' }.data.kinesis", containsString("ACTIVE"))
                .body("checks.find { it.name == 'pipeline' }.data.lake", containsString("reachable"))
                .body("checks.find { it.name == 'pipeline' }.data.'source demo'", equalTo("running"));
    }

    @Test
    void isAlive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void exposesThePipelineMeters() {
        // The first roll comes after LAKE_ROLL_AGE (2 s in tests); wait until the lake counted objects.
        Pattern objects = Pattern
                .compile("socialpulse_lake_objects_total\\{stream=\"test-\\d+\"} ([1-9][0-9.E]*)");
        Eventually.get(Duration.ofSeconds(30),
                () -> given().get("/q/metrics").asString(), text -> objects.matcher(text).find());
        given().get("/q/metrics").then().statusCode(200)
                .body(matchesRegex(objects.pattern().replace("socialpulse_lake_objects_total",
                        "(?s).*socialpulse_lake_objects_total") + ".*"))
                .body(containsString("socialpulse_publisher_records_put_total{stream=\"test-"))
                .body(containsString("socialpulse_publisher_buffer_records{stream=\"test-"))
                .body(containsString("socialpulse_source_posts_total{platform=\"demo\",source=\"demo\"}"))
                .body(containsString(
                        "socialpulse_source_state{platform=\"demo\",source=\"demo\",state=\"running\"} 1.0"))
                .body(matchesRegex("(?s).*socialpulse_lake_rolls_total\\{[^}]*reason=\"age\".*"))
                .body(containsString("socialpulse_reader_lag_max_seconds"))
                .body(matchesRegex(
                        "(?s).*socialpulse_reader_lag_seconds\\{shard=\"shardId-000000000000\",stream=\"test-.*"))
                .body(containsString("socialpulse_lake_rolls_lost_total{stream=\"test-"))
                .body(containsString("socialpulse_sse_subscribers"));
    }

    /** The alert rules and the dashboard in deploy/ name only meters the service exposes. */
    @Test
    void theAlertRulesAndTheDashboardNameOnlyMetricsThatExist() throws Exception {
        Path root = Emulators.projectRoot();
        String named = Files.readString(root.resolve("deploy/prometheus-rules.yaml"))
                + Files.readString(root.resolve("deploy/grafana-dashboard.json"));
        Set<String> metrics = new TreeSet<>();
        Matcher m = Pattern.compile("socialpulse_[a-z_]+").matcher(named);
        while (m.find()) {
            metrics.add(m.group());
        }
        Assertions.assertTrue(metrics.size() >= 12, metrics.toString());
        String exposed = given().get("/q/metrics").asString();
        // Registered at the first failure of each error code, so absent from a healthy service.
        Set<String> firstSeen = Set.of("socialpulse_publisher_failures_total");
        String readme = Files.readString(root.resolve("docs/operating.md"));
        firstSeen.forEach(metric -> Assertions.assertTrue(readme.contains("`" + metric + "`"),
                metric + " is documented"));
        Set<String> missing = new TreeSet<>();
        for (String metric : metrics) {
            if (firstSeen.contains(metric)) {
                continue;
            }
            if (!Pattern.compile("(?m)^" + metric + "[{ ]").matcher(exposed).find()) {
                missing.add(metric);
            }
        }
        Assertions.assertEquals(Set.of(), missing, "named in deploy/ but not exposed");
        Assertions.assertTrue(exposed.contains("socialpulse_build_info{java=\""), exposed);
    }
}
