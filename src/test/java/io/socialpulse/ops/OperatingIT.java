package io.socialpulse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.socialpulse.post.Post;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.ServiceProcess;
import io.socialpulse.testing.StreamContents;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The packaged service as operators run it: one role only, JSON logs, a secret in its environment. */
class OperatingIT {

    private static final String SECRET = "k3y-that-must-never-be-printed";

    @Test
    void aSourcesOnlyTaskPublishesWritesNoLakeLogsJsonAndNeverPrintsItsKeys() throws Exception {
        Emulators emulators = Emulators.get();
        String stream = emulators.createStream("roles", 1);
        String bucket = emulators.createBucket("roles");
        List<Post> posts = TestPosts.make(stream, 40, "roles");
        Path file = TestPosts.writeNdjson(Emulators.projectRoot().resolve("target/test-data/" + stream + ".ndjson"),
                posts);
        Map<String, String> env = ServiceProcess.environment(stream, bucket);
        env.put("LAKE_ROLL_AGE", "1s");
        env.put("SERVICE_ROLES", "sources");
        env.put("SOURCES_ENABLED", "replay");
        env.put("SOURCES_REPLAY_FILES", file.toString());
        env.put("LOG_JSON", "true");
        env.put("API_KEYS", SECRET);

        String output;
        try (ServiceProcess service = ServiceProcess.start("operating", env);
                KinesisClient kinesis = emulators.kinesis()) {
            service.awaitOutput("Listening on", Duration.ofSeconds(60));
            List<StreamContents.Entry> stored = Eventually.get(Duration.ofSeconds(30),
                    () -> StreamContents.all(kinesis, stream), entries -> entries.size() >= 40);
            assertEquals(40, stored.size());
            Thread.sleep(3000); // three lake roll ages: a lake role would have written by now
            service.terminate(Duration.ofSeconds(30));
            output = service.output();
        }

        try (S3Client s3 = emulators.s3()) {
            assertEquals(List.of(), Lake.keys(s3, bucket, ""), "no lake role, no lake objects");
        }
        assertFalse(output.contains(SECRET), "the API key appears in the output");
        ObjectMapper json = new ObjectMapper();
        int lines = 0;
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                JsonNode entry = json.readTree(line);
                assertTrue(entry.hasNonNull("message") && entry.hasNonNull("level"), line);
                lines++;
            }
        }
        assertTrue(lines > 3, "JSON log lines: " + lines);
        assertTrue(output.contains("\"message\":\"stream " + stream + ": publisher flushed"), output);
    }
}
