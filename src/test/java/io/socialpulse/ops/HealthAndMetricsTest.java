package io.socialpulse.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.socialpulse.testing.EmulatorsResource;

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
        java.util.regex.Pattern objects = java.util.regex.Pattern
                .compile("socialpulse_lake_objects_total\\{stream=\"test-\\d+\"} ([1-9][0-9.E]*)");
        io.socialpulse.testing.Eventually.get(java.time.Duration.ofSeconds(30),
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
        java.nio.file.Path root = io.socialpulse.testing.Emulators.projectRoot();
        String named = java.nio.file.Files.readString(root.resolve("deploy/prometheus-rules.yaml"))
                + java.nio.file.Files.readString(root.resolve("deploy/grafana-dashboard.json"));
        java.util.Set<String> metrics = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("socialpulse_[a-z_]+").matcher(named);
        while (m.find()) {
            metrics.add(m.group());
        }
        org.junit.jupiter.api.Assertions.assertTrue(metrics.size() >= 12, metrics.toString());
        String exposed = given().get("/q/metrics").asString();
        // Registered at the first failure of each error code, so absent from a healthy service.
        java.util.Set<String> firstSeen = java.util.Set.of("socialpulse_publisher_failures_total");
        String readme = java.nio.file.Files.readString(root.resolve("README.md"));
        firstSeen.forEach(metric -> org.junit.jupiter.api.Assertions.assertTrue(readme.contains("`" + metric + "`"),
                metric + " is documented"));
        java.util.Set<String> missing = new java.util.TreeSet<>();
        for (String metric : metrics) {
            if (firstSeen.contains(metric)) {
                continue;
            }
            if (!java.util.regex.Pattern.compile("(?m)^" + metric + "[{ ]").matcher(exposed).find()) {
                missing.add(metric);
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of(), missing, "named in deploy/ but not exposed");
        org.junit.jupiter.api.Assertions.assertTrue(exposed.contains("socialpulse_build_info{java=\""), exposed);
    }
}
