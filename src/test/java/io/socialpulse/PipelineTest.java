package io.socialpulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.sentiment.Sentiment;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.EmulatorsResource;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.services.s3.S3Client;

/** Known posts from a replay file travel through Kinesis into the lake and the live trend stream. */
@QuarkusTest
@WithTestResource(value = EmulatorsResource.class, initArgs = {
        @ResourceArg(name = "shards", value = "2"),
        @ResourceArg(name = "replay.posts", value = "300"),
        @ResourceArg(name = "replay.dominant", value = "pulsecheck")})
class PipelineTest {

    @ConfigProperty(name = "kinesis.stream")
    String stream;

    @ConfigProperty(name = "lake.bucket")
    String bucket;

    @TestHTTPResource("/trends/stream")
    URL trendStream;

    @Test
    void everyReplayedPostLandsInTheLakeExactlyOnceAndTheDominantTagLeadsTheTrends() throws Exception {
        List<Post> sent = TestPosts.make(stream, 300, "pulsecheck");
        Set<String> expected = sent.stream().map(Post::id).collect(Collectors.toSet());
        try (S3Client s3 = Emulators.get().s3()) {
            List<Lake.Line> lines = Eventually.get(Duration.ofSeconds(60),
                    () -> Lake.lines(s3, bucket, "social-pulse/posts/"),
                    found -> new HashSet<>(Lake.ids(found)).containsAll(expected));
            List<String> ids = Lake.ids(lines);
            assertEquals(expected, new HashSet<>(ids), "the lake holds exactly the posts sent");
            assertEquals(ids.size(), new HashSet<>(ids).size(), "no post is in the lake twice");
            for (Lake.Line line : lines) {
                JsonNode post = line.post();
                String hour = post.get("createdAt").asText().substring(11, 13);
                String day = post.get("createdAt").asText().substring(0, 10);
                assertTrue(line.key().startsWith("social-pulse/posts/platform=" + post.get("platform").asText()
                        + "/dt=" + day + "/hour=" + hour + "/shardId-"), line.key());
                assertTrue(line.key().endsWith(".jsonl.gz"), line.key());
                // English posts carry VADER's scores, computed once where they were collected.
                Post original = sent.stream().filter(p -> p.id().equals(post.get("id").asText())).findFirst()
                        .orElseThrow();
                assertEquals(Sentiment.scores(original).compound(),
                        post.at("/sentiment/compound").asDouble(), 1e-9, post.toString());
            }
            assertEquals(expected.size(), lines.size());
            assertFalse(Lake.keys(s3, bucket, "social-pulse/_checkpoints/" + stream + "/").isEmpty(),
                    "each shard read has a checkpoint");
        }

        JsonNode snapshot = firstSnapshot();
        assertEquals("pulsecheck", snapshot.get("top").get(0).get("tag").asText());
        assertEquals(100, snapshot.get("top").get(0).get("count").asLong());
    }

    private JsonNode firstSnapshot() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(trendStream.toString())).timeout(Duration.ofSeconds(10))
                .build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            boolean inSnapshot = false;
            while (it.hasNext()) {
                String line = it.next();
                if (line.equals("event:snapshot") || line.equals("event: snapshot")) {
                    inSnapshot = true;
                } else if (inSnapshot && line.startsWith("data:")) {
                    return PostCodec.mapper().readTree(line.substring(5));
                }
            }
        }
        throw new AssertionError("the stream ended without a snapshot event");
    }
}
