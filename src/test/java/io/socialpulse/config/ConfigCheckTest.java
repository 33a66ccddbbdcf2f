package io.socialpulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class ConfigCheckTest {

    private static List<String> problems(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(KinesisConfig.class).withMapping(LakeConfig.class).withMapping(SourcesConfig.class)
                .withMapping(TrendsConfig.class).withMapping(RolesConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(values).build();
        return ConfigCheck.problems(config.getConfigMapping(KinesisConfig.class),
                config.getConfigMapping(LakeConfig.class),
                config.getConfigMapping(SourcesConfig.class), config.getConfigMapping(TrendsConfig.class),
                config.getConfigMapping(RolesConfig.class));
    }

    private static Map<String, String> valid() {
        Map<String, String> values = new HashMap<>();
        values.put("kinesis.stream", "posts");
        values.put("lake.bucket", "lake");
        return values;
    }

    @Test
    void theDefaultsWithAStreamAndABucketAreValid() {
        assertEquals(List.of(), problems(valid()));
    }

    @Test
    void namesTheMissingEnvironmentVariables() {
        assertEquals(List.of("KINESIS_STREAM is required", "LAKE_BUCKET is required"), problems(Map.of()));
    }

    @Test
    void aProcessWithoutTheLakeRoleNeedsNoBucket() {
        assertEquals(List.of(), problems(Map.of("kinesis.stream", "posts", "service.roles", "sources,trends")));
    }

    @Test
    void namesTheVariableOfEveryValueOutOfRange() {
        Map<String, String> values = valid();
        values.put("lake.roll-age", "0s");
        values.put("kinesis.publisher.max-in-flight", "0");
        values.put("trends.sketch-size", "1000");
        values.put("sources.enabled", "demo,twitter");
        values.put("service.roles", "lake,archive");
        List<String> problems = problems(values);
        assertEquals(5, problems.size(), problems.toString());
        for (String variable : List.of("LAKE_ROLL_AGE", "KINESIS_PUBLISHER_MAX_IN_FLIGHT", "TRENDS_SKETCH_SIZE",
                "SOURCES_ENABLED", "SERVICE_ROLES")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(variable + " ")), variable + " in " + problems);
        }
    }

    @Test
    void replayNeedsFiles() {
        Map<String, String> values = valid();
        values.put("sources.enabled", "replay");
        assertEquals(List.of("SOURCES_REPLAY_FILES is required when the replay source is enabled"), problems(values));
    }

    @Test
    void envNameFollowsTheMicroProfileRule() {
        assertEquals("KINESIS_PUBLISHER_BUFFER_RECORDS", ConfigCheck.envName("kinesis.publisher.buffer-records"));
    }
}
