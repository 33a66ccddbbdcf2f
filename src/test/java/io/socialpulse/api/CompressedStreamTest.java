package io.socialpulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.EmulatorsResource;

/**
 * The trend stream with HTTP compression turned on for {@code text/event-stream}: over HTTP/1.1 the
 * ticks must then go through the compressor like the rest of the response, not around it, so a
 * client that asked for gzip reads whole events.
 */
@QuarkusTest
@TestProfile(CompressedStreamTest.Compressed.class)
@WithTestResource(value = EmulatorsResource.class, initArgs = {
        @ResourceArg(name = "replay.posts", value = "50"),
        @ResourceArg(name = "trends.tick", value = "300ms")})
class CompressedStreamTest {

    /** Compression on, event streams among the types it compresses. */
    public static final class Compressed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.enable-compression", "true",
                    "quarkus.http.compress-media-types", "text/event-stream");
        }
    }

    @TestHTTPResource("/trends/stream")
    URL stream;

    @Test
    void gzippedTicksArriveWhole() throws Exception {
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> response = http11.send(HttpRequest.newBuilder(stream.toURI())
                .header("Accept-Encoding", "gzip").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""), "compressed as asked");
        int ticks = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(response.body()),
                StandardCharsets.UTF_8))) {
            String name = null;
            for (String line = lines.readLine(); line != null && ticks < 3; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:") && "trends".equals(name)) {
                    assertTrue(PostCodec.mapper().readTree(line.substring(5)).has("posts"), line);
                    ticks++;
                }
            }
        }
        assertEquals(3, ticks, "three ticks read through gzip");
    }
}
