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
@WithTestResource(value = EmulatorsResource.class, initArgs = @ResourceArg(name = "sources.enabled", value = "demo"))
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
                .body(containsString("socialpulse_reader_lag_max_millis"))
                .body(matchesRegex(
                        "(?s).*socialpulse_reader_lag_millis\\{shard=\"shardId-000000000000\",stream=\"test-.*"))
                .body(containsString("socialpulse_lake_rolls_lost_total{stream=\"test-"))
                .body(containsString("socialpulse_sse_subscribers"));
    }
}
