package io.socialpulse.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.socialpulse.testing.EmulatorsResource;

/** With Kinesis unreachable the service is alive but not ready, and says why. */
@QuarkusTest
@WithTestResource(value = EmulatorsResource.class, initArgs = {
        // Nothing listens on port 9 (discard) on a test machine: connections are refused at once.
        @ResourceArg(name = "kinesis.endpoint", value = "http://127.0.0.1:9"),
        @ResourceArg(name = "service.roles", value = "trends")})
class ReadinessWithoutKinesisTest {

    @Test
    void isNotReadyButStaysAlive() {
        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'pipeline' }.data.kinesis", containsString("unreachable"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
