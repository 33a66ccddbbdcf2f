package io.socialpulse.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.socialpulse.testing.EmulatorsResource;

/** With API_KEYS set, the trend endpoints answer only requests that carry one of the keys. */
@QuarkusTest
@WithTestResource(value = EmulatorsResource.class, initArgs = {
        @ResourceArg(name = "api.keys", value = "k-one-1234,k-two-5678"),
        @ResourceArg(name = "quarkus.http.cors.enabled", value = "true"),
        @ResourceArg(name = "quarkus.http.cors.origins", value = "https://dash.example")})
class ApiKeysTest {

    @Test
    void refusesARequestWithoutAKeyBeforeOpeningAStream() {
        given().get("/trends/stream").then().statusCode(401)
                .header("Content-Type", containsString("application/problem+json"))
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("Authorization: Bearer"));
        given().get("/trends").then().statusCode(401).contentType("application/problem+json")
                .body("status", Matchers.equalTo(401));
    }

    @Test
    void refusesAWrongKeyWithoutEchoingIt() {
        given().header("Authorization", "Bearer k-one-123").get("/trends").then().statusCode(401)
                .body(not(containsString("k-one")));
        given().header("X-API-Key", "k-two-56789").get("/trends").then().statusCode(401);
    }

    @Test
    void refusesEveryResourceWhateverTheSpellingOfItsPath() {
        for (String path : new String[]{"/sources", "/sources/", "//sources", "/sources/./", "/%73ources",
                "/trends/", "/trends;x=1", "/trends/stream/", "//trends/stream", "/trends/no-such-thing",
                "/no-such-resource"}) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(401)
                    .body(not(containsString("cursor")));
        }
        given().header("X-API-Key", "k-one-1234").get("/sources/").then().statusCode(200);
    }

    @Test
    void aKeyListWithNoKeyIsAStartupErrorNotAnOpenDoor() {
        for (String raw : new String[]{"", " ", ",", " , ,"}) {
            var failure = assertThrows(ConfigurationException.class, () -> new ApiKeys(List.of(), raw));
            assertTrue(failure.getMessage().contains("API_KEYS is set but holds no key"));
        }
        assertTrue(new ApiKeys(List.of(), null).allows(h -> null),
                "unset, the endpoints are open (and the log says so)");
    }

    @Test
    void acceptsEitherHeaderWithAnyConfiguredKey() {
        given().header("Authorization", "Bearer k-two-5678").get("/trends").then().statusCode(200);
        given().header("X-API-Key", "k-one-1234").get("/trends").then().statusCode(200);
    }

    @Test
    void allowsTheConfiguredDashboardOriginOnly() {
        given().header("Origin", "https://dash.example").header("Access-Control-Request-Method", "GET")
                .options("/trends").then().header("Access-Control-Allow-Origin", "https://dash.example");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/trends").then().header("Access-Control-Allow-Origin", nullValue());
        // The same request from the allowed origin is answered: CORS is on, so the refusal above is its doing.
        given().header("Origin", "https://dash.example").header("X-API-Key", "k-one-1234").get("/trends").then()
                .statusCode(200).header("Access-Control-Allow-Origin", "https://dash.example");
    }

    @Test
    void leavesHealthAndTheDashboardOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/").then().statusCode(200).body(containsString("dashboard/app.js"));
        given().get("/dashboard/sse.js").then().statusCode(200).body(containsString("Authorization"));
        given().get("/openapi.yaml").then().statusCode(200).body(containsString("/trends/stream"));
        given().get("/schemas/stats.schema.json").then().statusCode(200);
    }
}
