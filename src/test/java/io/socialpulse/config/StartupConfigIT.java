package io.socialpulse.config;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.socialpulse.testing.ServiceProcess;

/** The packaged service refuses to start on bad settings and says which variable to fix. */
class StartupConfigIT {

    private static String failedStart(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(ServiceProcess.emulatorEnvironment());
        env.putAll(settings);
        try (ServiceProcess service = ServiceProcess.start("config", env)) {
            assertNotEquals(0, service.awaitExit(Duration.ofSeconds(60)), "the service must not start");
            return service.output();
        }
    }

    @Test
    void aMissingStreamNameStopsStartupNamingTheVariable() {
        String output = failedStart(Map.of("LAKE_BUCKET", "lake"));
        assertTrue(output.contains("KINESIS_STREAM is required"), output);
    }

    @Test
    void anOutOfRangeValueStopsStartupNamingTheVariable() {
        String output = failedStart(Map.of("KINESIS_STREAM", "s", "LAKE_BUCKET", "b", "LAKE_ROLL_AGE", "0s",
                "SOURCES_ENABLED", "demo,nope"));
        assertTrue(output.contains("LAKE_ROLL_AGE must be a positive duration"), output);
        assertTrue(output.contains("SOURCES_ENABLED unknown source 'nope'"), output);
    }

    @Test
    void aValueOfTheWrongTypeStopsStartupNamingTheVariable() {
        String output = failedStart(Map.of("KINESIS_STREAM", "s", "LAKE_BUCKET", "b", "SOURCES_DEMO_RATE", "fast"));
        assertTrue(output.contains("SOURCES_DEMO_RATE"), output);
    }

    @Test
    void anApiKeyListWithNoKeyStopsStartupRatherThanLeavingTheEndpointsOpen() {
        String output = failedStart(Map.of("KINESIS_STREAM", "s", "LAKE_BUCKET", "b", "API_KEYS", " , ,"));
        assertTrue(output.contains("API_KEYS is set but holds no key"), output);
    }
}
