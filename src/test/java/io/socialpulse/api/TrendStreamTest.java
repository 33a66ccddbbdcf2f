package io.socialpulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.EmulatorsResource;
import io.socialpulse.testing.Eventually;
import io.socialpulse.trends.HubEvent;
import io.socialpulse.trends.TrendHub;

/** The SSE contract, seen by a client on the wire. */
@QuarkusTest
@WithTestResource(value = EmulatorsResource.class, initArgs = {
        @ResourceArg(name = "replay.posts", value = "300"),
        @ResourceArg(name = "replay.dominant", value = "wire"),
        @ResourceArg(name = "trends.tick", value = "300ms"),
        @ResourceArg(name = "trends.ping", value = "1s"),
        @ResourceArg(name = "trends.max-subscribers", value = "3")})
class TrendStreamTest {

    @TestHTTPResource("/trends/stream")
    URL stream;

    @Inject
    TrendHub hub;

    @Inject
    LiveTicks live;

    private final HttpClient client = HttpClient.newHttpClient();
    /** As a browser speaks to an http:// address: the ticks go out through the HTTP/1.1 path. */
    private final HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One event or comment, and when its last line arrived ({@link System#nanoTime()}). */
    record Event(String name, String id, String data, boolean comment, long at) {
    }

    /** Reads events until {@code count} have arrived (comments count too), then closes. */
    private List<Event> read(String query, String lastEventId, int count) throws Exception {
        return read(client, query, lastEventId, count);
    }

    private List<Event> read(HttpClient client, String query, String lastEventId, int count) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stream + query))
                .timeout(Duration.ofSeconds(20));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<Event> events = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            String name = null;
            String id = null;
            String data = null;
            while (it.hasNext() && events.size() < count) {
                String line = it.next();
                if (line.startsWith(":")) {
                    events.add(new Event(null, null, line, true, System.nanoTime()));
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5);
                } else if (line.isEmpty() && name != null) {
                    events.add(new Event(name, id, data, false, System.nanoTime()));
                    name = id = data = null;
                }
            }
        }
        return events;
    }

    @BeforeEach
    void allPostsCounted() {
        Eventually.get(Duration.ofSeconds(30),
                () -> RestAssured.get("/trends").jsonPath().getLong("posts"), posts -> posts == 300);
    }

    private static JsonNode json(Event event) throws Exception {
        return PostCodec.mapper().readTree(event.data());
    }

    @Test
    void startsWithASnapshotThenTicksWithTrendsSentimentAndPings() throws Exception {
        // Ticks every 300 ms bring four or five events each: 40 events span two seconds or more,
        // so at least one ping (every second) falls among them whatever the phase of the pinger.
        List<Event> events = read("", null, 40);
        assertEquals("snapshot", events.get(0).name());
        List<String> names = events.stream().filter(e -> !e.comment()).map(Event::name).distinct().toList();
        assertTrue(names.containsAll(List.of("snapshot", "trends", "sentiment", "stats")), names.toString());
        JsonNode stats = json(events.stream().filter(e -> "stats".equals(e.name())).findFirst().orElseThrow());
        assertEquals(1.0, stats.get("sentimentSampled").asDouble(), "no sampling at this load");
        assertTrue(stats.get("subscribers").asInt() >= 1);
        assertTrue(events.stream().anyMatch(Event::comment), "a :ping within two seconds or so");
        Event trends = events.stream().filter(e -> "trends".equals(e.name())).findFirst().orElseThrow();
        assertTrue(Long.parseLong(trends.id()) > 1_700_000_000_000L, "the id is the tick's epoch ms");
        JsonNode sentiment = json(events.stream().filter(e -> "sentiment".equals(e.name())).findFirst().orElseThrow());
        assertTrue(sentiment.get("sentiment").get("n").asLong() > 0, sentiment.toString());
        JsonNode influencers = json(events.stream().filter(e -> "influencers".equals(e.name())).findFirst()
                .orElseThrow());
        assertEquals(299 * 300 / 2, influencers.get("engagementTotal").asLong(), "likes 0 to 299: " + influencers);
        long previous = Long.MAX_VALUE;
        for (JsonNode account : influencers.get("engagement")) {
            assertTrue(account.get("engagement").asLong() <= previous, "most engaged first: " + influencers);
            previous = account.get("engagement").asLong();
        }
        assertTrue(influencers.get("engagement").get(0).get("engagement").asLong() >= 299, influencers.toString());
        assertTrue(json(trends).path("influencers").isMissingNode(), "not repeated in the trends event");
    }

    @Test
    void pingsComeAtTheConfiguredIntervalBetweenTicks() throws Exception {
        List<Event> events = read("", null, 75); // some five seconds of ticks
        List<Long> pings = events.stream().filter(Event::comment).map(Event::at).toList();
        assertTrue(pings.size() >= 3, "pings every second over five seconds, got " + pings.size());
        assertTrue(events.stream().filter(Event::comment).allMatch(e -> e.data().equals(":ping")));
        for (int i = 1; i < pings.size(); i++) {
            double gap = (pings.get(i) - pings.get(i - 1)) / 1e9;
            assertTrue(gap > 0.4 && gap < 2.5, "trends.ping is 1s, yet two pings came " + gap + " s apart");
        }
    }

    @Test
    void aStreamOpenedAfterATickStartsFromThatTicksLists() throws Exception {
        // A tick that has seen all 300 posts: one taken before the replay was counted has empty lists.
        String key = HubEvent.key("all", hub.defaultWindow());
        Eventually.get(Duration.ofSeconds(10), live::lastTick,
                tick -> tick.isPresent() && tick.get().scopes().get(key).posts() == 300);
        Event snapshot = read("?limit=3", null, 1).get(0);
        assertEquals("snapshot", snapshot.name());
        long id = Long.parseLong(snapshot.id());
        // The ring holds the tick whose lists the snapshot shows: no window merge per opened stream.
        assertEquals(id, live.ticksAfter(Long.toString(id - 1)).orElseThrow().get(0).id(),
                "the snapshot's id is a tick's id");
        assertEquals(3, json(snapshot).get("top").size());
    }

    @Test
    void filtersByPlatformAndLimit() throws Exception {
        JsonNode snapshot = json(read("?platform=mastodon&limit=2", null, 1).get(0));
        assertEquals("mastodon", snapshot.get("scope").asText());
        assertEquals(100, snapshot.get("posts").asLong(), "a third of the 300 posts are from mastodon");
        assertEquals(2, snapshot.get("top").size());
    }

    @Test
    void servesTheFourWindowsAndRefusesOthers() throws Exception {
        assertEquals(300, json(read("?window=5m", null, 1).get(0)).get("windowSeconds").asLong());
        assertEquals(3600, json(read("?window=1h", null, 1).get(0)).get("windowSeconds").asLong());
        assertEquals(300, json(read("?window=1h", null, 1).get(0)).get("posts").asLong());
        RestAssured.given().get("/trends/stream?window=2m").then().statusCode(400);
    }

    @Test
    void aReconnectWithLastEventIdGetsTheTicksItMissedInsteadOfASnapshot() throws Exception {
        List<Event> first = read("", null, 8);
        String last = first.stream().filter(e -> "trends".equals(e.name())).findFirst().orElseThrow().id();
        // A few ticks go by unseen.
        List<Long> missed = Eventually.get(Duration.ofSeconds(10), () -> live.ticksAfter(last).orElseThrow().stream()
                .map(HubEvent::id).toList(), m -> m.size() >= 2);
        assertTrue(missed.size() >= 2, "ticks went by: " + missed);
        List<Event> resumed = read("", last, 4 * missed.size() + 4);
        assertTrue(resumed.stream().noneMatch(e -> "snapshot".equals(e.name())), resumed.toString());
        List<Long> replayed = resumed.stream().filter(e -> "trends".equals(e.name())).map(e -> Long.parseLong(e.id()))
                .toList();
        // Every missed tick, oldest first, then the live ones: not just the newest.
        assertEquals(missed, replayed.subList(0, Math.min(missed.size(), replayed.size())),
                "the ticks missed since " + last);
        assertEquals("snapshot", read("", "12345", 1).get(0).name(), "an unknown id gets a fresh snapshot");
    }

    @Test
    void answersBeyondTheSubscriberCapWith503AndRetryAfter() throws Exception {
        List<CompletableFuture<HttpResponse<Stream<String>>>> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(client.sendAsync(HttpRequest.newBuilder(URI.create(stream.toString())).build(),
                    HttpResponse.BodyHandlers.ofLines()));
        }
        for (var future : open) {
            future.get().body().findFirst(); // each stream is open and has sent its first line
        }
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(stream.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, refused.statusCode());
        assertEquals("5", refused.headers().firstValue("Retry-After").orElse(""));
        for (var future : open) {
            future.get().body().close();
        }
    }

    private static Schema schema(String event) throws Exception {
        String name = "trends".equals(event) ? "snapshot" : event;
        try (var in = TrendStreamTest.class.getResourceAsStream("/META-INF/resources/schemas/" + name
                + ".schema.json")) {
            return SchemaRegistry.withDefaultDialect(
                    SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @Test
    void everyEventTheServiceSendsMatchesItsPublishedSchema() throws Exception {
        assertEachMatchesItsSchema(read("?limit=20", null, 40));
        // A field the schema does not name is a change of contract: the schema must be updated with it.
        var drift = schema("stats").validate("{\"ts\":\"2026-05-01T10:00:00Z\",\"postsPerSecond\":1,\"platforms\":{},"
                + "\"subscribers\":0,\"sentimentSampled\":1,\"unscoredShare\":0,\"extra\":1}",
                InputFormat.JSON);
        assertEquals(1, drift.size(), drift.toString());
    }

    /**
     * Over HTTP/1.1 the ticks are written already chunk-encoded, below Vert.x's response: they
     * arrive whole, event after event, as over HTTP/2.
     */
    @Test
    void overHttp11EveryTickArrivesWhole() throws Exception {
        List<Event> events = read(http11, "?limit=20", null, 40);
        assertTrue(events.stream().filter(e -> "trends".equals(e.name())).count() >= 3, "ticks came: " + events);
        assertEachMatchesItsSchema(events);
    }

    private void assertEachMatchesItsSchema(List<Event> events) throws Exception {
        Map<String, Integer> checked = new TreeMap<>();
        for (Event event : events) {
            if (event.comment()) {
                continue;
            }
            var errors = schema(event.name()).validate(event.data(), InputFormat.JSON);
            assertEquals(List.of(), errors.stream().map(Object::toString).toList(), event.name() + ": " + event.data());
            checked.merge(event.name(), 1, Integer::sum);
        }
        assertTrue(checked.keySet().containsAll(List.of("snapshot", "trends", "sentiment", "influencers", "stats")),
                checked.toString());
    }

    @Test
    void errorsAreProblemDetailsThatSayWhatToDo() throws Exception {
        HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(URI.create(stream + "?platform=myspace"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, unknown.statusCode());
        assertEquals("application/problem+json", unknown.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = PostCodec.mapper().readTree(unknown.body());
        assertEquals(400, problem.get("status").asInt());
        assertTrue(problem.get("detail").asText().contains("myspace")
                && problem.get("detail").asText().contains("mastodon"), problem.toString());
        assertEquals("/trends/stream", problem.get("instance").asText());

        RestAssured.given().get("/trends?platform=myspace").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", Matchers.containsString("use all or one of"))
                .body("instance", Matchers.equalTo("/trends"));
        RestAssured.given().get("/trends?window=2m").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", Matchers.containsString("1m"));
        RestAssured.given().get("/nothing-here").then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", Matchers.equalTo("Not found"));
    }
}
