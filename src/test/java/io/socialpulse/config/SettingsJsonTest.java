package io.socialpulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Settings given as one JSON object, as the stack passes them, read as environment variables are. */
class SettingsJsonTest {

    private static SmallRyeConfig config(String json, Map<String, String> environment) {
        return new SmallRyeConfigBuilder().withMapping(TrendsConfig.class).withMapping(SourcesConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new SettingsJson(json), new EnvConfigSource(environment, 300)).build();
    }

    @Test
    void namesAreEnvironmentVariablesAndTheRealEnvironmentWins() {
        SmallRyeConfig config = config("{\"TRENDS_TOP\": 30, \"TRENDS_TICK\": \"1s\", \"SOURCES_ENABLED\": \"demo,x\","
                + " \"TRENDS_RISING_MIN_COUNT\": 4}", Map.of("TRENDS_TICK", "3s"));
        TrendsConfig trends = config.getConfigMapping(TrendsConfig.class);
        assertEquals(30, trends.top());
        assertEquals(4, trends.rising().minCount());
        assertEquals(Duration.ofSeconds(3), trends.tick(), "an environment variable overrides the JSON");
        assertEquals(List.of("demo", "x"), config.getConfigMapping(SourcesConfig.class).enabled());
    }

    @Test
    void badJsonAndCredentialsAreRefusedNamingWhatToDo() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SettingsJson("{nope"))
                .getMessage().startsWith("SETTINGS_JSON is not JSON"));
        assertEquals("SETTINGS_JSON must be a JSON object of environment variable names",
                assertThrows(IllegalArgumentException.class, () -> new SettingsJson("[1]")).getMessage());
        assertEquals("SETTINGS_JSON: 'trends.top' is not an environment variable name",
                assertThrows(IllegalArgumentException.class, () -> new SettingsJson("{\"trends.top\": 1}"))
                        .getMessage());
        String refused = assertThrows(IllegalArgumentException.class,
                () -> new SettingsJson("{\"SOURCES_X_BEARER_TOKEN\": \"AAAA-secret\"}")).getMessage();
        assertTrue(refused.contains("must not hold SOURCES_X_BEARER_TOKEN"), refused);
        assertTrue(!refused.contains("AAAA-secret"), "the value is never repeated: " + refused);
        assertEquals("SETTINGS_JSON: TRENDS_TOP must be a string, number or boolean",
                assertThrows(IllegalArgumentException.class, () -> new SettingsJson("{\"TRENDS_TOP\": {}}"))
                        .getMessage());
        assertEquals(Map.of(), SettingsJson.parse(""));
    }
}
