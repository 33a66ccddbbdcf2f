package io.socialpulse.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.socialpulse.source.bluesky.JetstreamSource;
import io.socialpulse.source.bluesky.JetstreamSourceTest;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.ServiceProcess;
import io.socialpulse.testing.WebSocketScript;

/**
 * The packaged service collecting from nine platforms and Jetstream (WireMock serving their shapes) through
 * Kinesis into the lake, stopped and started again: every post lands exactly once, the second
 * process resumes from the stored cursors, and no token appears in any output, cursor, status,
 * health or metrics body, even while one source is refused and Graph puts a token in its links.
 */
class PlatformSourcesIT {

    static final String X_TOKEN = "AAAAAAAAAAAAAAAAAAAAAxTestBearerToken0123456789";
    static final String FB_TOKEN = "EAAGtestFacebookPageToken0123456789";
    static final String IG_TOKEN = "IGQVJtestInstagramToken0123456789";
    static final String LI_TOKEN = "AQVtestLinkedinMemberToken0123456789";
    static final String REDDIT_SECRET = "redditTestClientSecret0123456789";
    static final String REDDIT_ISSUED = "eyJhbGciOiJSUzI1NiIsImtpZCI6IlNIQTI1NjpzS3dsMnlsV0VtMjVmcXhwTU40cWY4MXE2OWFFdWFyMnpLMUdhVGxjdWNZIiwidHlwIjoiSldUIn0.test";
    static final String YOUTUBE_KEY = "AIzaSyTestYoutubeKey0123456789abcdef";
    static final String BLUESKY_PASSWORD = "abcd-efgh-ijkl-mnop";
    static final List<String> TOKENS = List.of(X_TOKEN, FB_TOKEN, IG_TOKEN, LI_TOKEN, REDDIT_SECRET, REDDIT_ISSUED,
            YOUTUBE_KEY, BLUESKY_PASSWORD, "eyJhbGciOiJFUzI1NksifQ.access.one", "eyJhbGciOiJFUzI1NksifQ.refresh.one");

    /**
     * X ids carry their creation time and recent search covers 7 days, so the fixtures' ids are
     * moved to the present: the same shift for every id keeps their order and distances.
     */
    static final long X_SHIFT = (System.currentTimeMillis() - 1777631445000L) << 22;
    static final List<String> X_IDS = List.of("2050157152957366395", "2050156783858614395", "2050153801708470395",
            "2050160990745526395");

    static String now(String xId) {
        return Long.toString(Long.parseLong(xId) + X_SHIFT);
    }

    static final List<String> EXPECTED = List.of(
            "x:" + now("2050157152957366395"), "x:" + now("2050156783858614395"), "x:" + now("2050153801708470395"),
            "x:" + now("2050160990745526395"),
            "facebook:104998765432109_987654321098765", "facebook:987654321098765_111222333444555",
            "facebook:104998765432109_987654321098700", "facebook:104998765432109_987654321098600",
            "facebook:104998765432109_987654321098999",
            "instagram:17880997618081620", "instagram:17871527143187462", "instagram:17912345678901234",
            "linkedin:urn:li:share:7045020441609936898", "linkedin:urn:li:ugcPost:7045000000000000001",
            "linkedin:urn:li:share:7044900000000000002",
            "mastodon:https://fosstodon.example/users/jane/statuses/114399999000000001",
            "mastodon:https://mastodon.example/users/max/statuses/114400000000000101",
            "mastodon:https://social.example/users/kim/statuses/999",
            "mastodon:https://social.example/users/lee/statuses/1000",
            "hackernews:43900001", "hackernews:43900007", "hackernews:43899000",
            "reddit:t3_1kabcdf", "reddit:t3_1kabcde", "reddit:t3_1kabcdz",
            "youtube:UgxAbCdEf", "youtube:UgyZzYyXx",
            "bluesky:at://did:plc:abc123xyz/app.bsky.feed.post/3lobq2vutsw2b",
            "bluesky:at://did:plc:def456uvw/app.bsky.feed.post/3lobpzzzzzz2a",
            "bluesky:at://did:plc:ghi789/app.bsky.feed.post/3loc0000000aa",
            "bluesky:at://did:plc:jet000/app.bsky.feed.post/3ljet1");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void collectsFromEveryPlatformIntoTheLakeOnceAcrossARestartWithoutPrintingATokens() throws Exception {
        Emulators emulators = Emulators.get();
        String stream = emulators.createStream("platforms", 2);
        List<String> printed = new ArrayList<>();
        WebSocketScript jetstream = new WebSocketScript(true)
                .session(List.of(JetstreamSourceTest.post(1000, "3ljet1",
                        "acme on the firehose").replace("did:plc:abc123xyz", "did:plc:jet000"),
                        JetstreamSourceTest.post(1001, "3ljet2", "unrelated")));
        List<String> jetstreamQueries = jetstream.queries();
        int jetstreamPort = jetstream.port();
        try (PlatformKit kit = new PlatformKit()) {
            stub(kit);
            Map<String, String> env = ServiceProcess.environment(stream, kit.bucket);
            env.put("LAKE_PREFIX", "lake");
            env.put("LAKE_ROLL_AGE", "1s");
            env.put("SOURCES_ENABLED",
                    "x,facebook,instagram,linkedin,mastodon,hackernews,reddit,youtube,bluesky,jetstream");
            env.put("SOURCES_JITTER", "0s");
            env.put("SOURCES_X_BEARER_TOKEN", X_TOKEN);
            env.put("SOURCES_X_QUERIES", "#acme -is:retweet,#refused has:bogus");
            env.put("SOURCES_X_BASE_URL", kit.baseUrl());
            env.put("SOURCES_X_INTERVAL", "2s");
            env.put("SOURCES_FACEBOOK_ACCESS_TOKEN", FB_TOKEN);
            env.put("SOURCES_FACEBOOK_PAGES", "104998765432109");
            env.put("SOURCES_FACEBOOK_BASE_URL", kit.baseUrl());
            env.put("SOURCES_FACEBOOK_INTERVAL", "2s");
            // The fixtures' posts are from May 2026: a run that starts a day back would end at the first page.
            env.put("SOURCES_FACEBOOK_BACKFILL", "3650d");
            env.put("SOURCES_INSTAGRAM_ACCESS_TOKEN", IG_TOKEN);
            env.put("SOURCES_INSTAGRAM_USER_ID", "17841405309211844");
            env.put("SOURCES_INSTAGRAM_HASHTAGS", "acme");
            env.put("SOURCES_INSTAGRAM_BASE_URL", kit.baseUrl());
            env.put("SOURCES_INSTAGRAM_INTERVAL", "2s");
            env.put("SOURCES_LINKEDIN_ACCESS_TOKEN", LI_TOKEN);
            env.put("SOURCES_LINKEDIN_ORGANIZATIONS", "2414183");
            env.put("SOURCES_LINKEDIN_BASE_URL", kit.baseUrl());
            env.put("SOURCES_LINKEDIN_INTERVAL", "2s");
            env.put("SOURCES_LINKEDIN_PAGE_SIZE", "2");
            env.put("SOURCES_LINKEDIN_BACKFILL", "3650d");
            env.put("SOURCES_MASTODON_INSTANCES", kit.baseUrl() + "/one");
            env.put("SOURCES_MASTODON_HASHTAGS", "acme");
            env.put("SOURCES_MASTODON_PAGE_SIZE", "2");
            env.put("SOURCES_MASTODON_INTERVAL", "2s");
            env.put("SOURCES_HACKERNEWS_QUERIES", "acme");
            env.put("SOURCES_HACKERNEWS_BASE_URL", kit.baseUrl());
            env.put("SOURCES_HACKERNEWS_INTERVAL", "2s");
            env.put("SOURCES_REDDIT_CLIENT_ID", "testClientId");
            env.put("SOURCES_REDDIT_CLIENT_SECRET", REDDIT_SECRET);
            env.put("SOURCES_REDDIT_USER_AGENT", "linux:io.socialpulse.test:v1.0 (by /u/pulse_test)");
            env.put("SOURCES_REDDIT_QUERIES", "acme");
            env.put("SOURCES_REDDIT_AUTH_URL", kit.baseUrl());
            env.put("SOURCES_REDDIT_BASE_URL", kit.baseUrl());
            env.put("SOURCES_REDDIT_INTERVAL", "2s");
            env.put("SOURCES_YOUTUBE_API_KEY", YOUTUBE_KEY);
            env.put("SOURCES_YOUTUBE_VIDEOS", "abc123XYZ00");
            env.put("SOURCES_YOUTUBE_COMMENTS_INTERVAL", "2s");
            env.put("SOURCES_YOUTUBE_BASE_URL", kit.baseUrl());
            env.put("SOURCES_BLUESKY_IDENTIFIER", "pulse.bsky.social");
            env.put("SOURCES_BLUESKY_APP_PASSWORD", BLUESKY_PASSWORD);
            env.put("SOURCES_BLUESKY_QUERIES", "acme");
            env.put("SOURCES_BLUESKY_SERVICE", kit.baseUrl());
            env.put("SOURCES_BLUESKY_INTERVAL", "2s");
            env.put("SOURCES_JETSTREAM_URL", "ws://127.0.0.1:" + jetstreamPort);
            env.put("SOURCES_JETSTREAM_KEYWORDS", "acme");
            env.put("QUARKUS_LOG_CATEGORY__IO_SOCIALPULSE__LEVEL", "DEBUG");

            try (ServiceProcess first = ServiceProcess.start("platforms-1", env)) {
                first.awaitOutput("Listening on", Duration.ofSeconds(60));
                Map<String, Long> counts = Eventually.get(Duration.ofSeconds(60), () -> lakeCounts(kit),
                        c -> c.keySet().containsAll(EXPECTED));
                assertEquals(EXPECTED.stream().sorted().toList(), List.copyOf(counts.keySet()));
                JsonNode sources = Eventually.get(Duration.ofSeconds(20), () -> read(first, "/sources"),
                        s -> s.findValues("lastError").size() >= 1);
                printed.add(sources.toString());
                assertEquals(11, sources.size(), sources.toString());
                for (JsonNode source : sources) {
                    boolean refused = source.get("id").asText().contains("refused");
                    assertEquals(refused ? "FAILING" : "RUNNING", source.get("state").asText(), source.toString());
                }
                printed.add(text(first, "/q/metrics"));
                printed.add(text(first, "/q/health"));
                assertTrue(printed.get(1).contains("socialpulse_source_state{platform=\"x\""), "state metric");
                first.terminate(Duration.ofSeconds(30));
                printed.add(first.output());
            }
            int requestsBefore = kit.platform.getAllServeEvents().size();

            try (ServiceProcess second = ServiceProcess.start("platforms-2", env)) {
                second.awaitOutput("Listening on", Duration.ofSeconds(60));
                second.awaitOutput("resuming from cursor", Duration.ofSeconds(20));
                // A few poll cycles of every source after the restart.
                Eventually.get(Duration.ofSeconds(30), () -> kit.platform.getAllServeEvents().size(),
                        n -> n >= requestsBefore + 20);
                Thread.sleep(2500); // a lake roll
                printed.add(read(second, "/sources").toString());
                second.terminate(Duration.ofSeconds(30));
                printed.add(second.output());
            }

            Map<String, Long> counts = lakeCounts(kit);
            assertEquals(EXPECTED.stream().sorted().toList(), List.copyOf(counts.keySet()));
            counts.forEach((id, n) -> assertEquals(1L, n, id + " is in the lake " + n + " times"));
            assertTrue(kit.platform.findAll(getRequestedFor(urlPathEqualTo("/2/tweets/search/recent"))
                    .withQueryParam("since_id", equalTo(now("2050160990745526395")))).size() > 0,
                    "the restarted process asks X only for posts after the stored cursor");
            // The stored cursor is the last event seen (1001, which did not match): the restart resumes a little
            // before it, since time_us can go back, and drops what it reads twice.
            assertEquals("wantedCollections=app.bsky.feed.post&cursor="
                    + JetstreamSource.resumeAt(1001), jetstreamQueries.get(1),
                    "the restarted process reconnects to Jetstream before the stored cursor");
            assertEquals(1, kit.platform.findAll(getRequestedFor(urlPathEqualTo("/v25.0/ig_hashtag_search"))).size(),
                    "the Instagram hashtag id is looked up once, ever");
            for (String key : Lake.keys(kit.s3, kit.bucket, "lake/_cursors/")) {
                printed.add(kit.s3.getObjectAsBytes(r -> r.bucket(kit.bucket).key(key)).asUtf8String());
            }
        }
        jetstream.close();
        assertTrue(printed.stream().anyMatch(p -> p.contains("X refused the search (HTTP 400")),
                "the refused source is reported");
        for (String token : TOKENS) {
            for (String text : printed) {
                assertFalse(text.contains(token), "a token was printed: " + text);
            }
        }
    }

    private static void stub(PlatformKit kit) {
        String recent = "/2/tweets/search/recent";
        Function<String, MappingBuilder> x = query -> get(urlPathEqualTo(recent))
                .withHeader("Authorization", equalTo("Bearer " + X_TOKEN)).withQueryParam("query", equalTo(query));
        kit.platform.stubFor(x.apply("#acme -is:retweet").withQueryParam("since_id", absent())
                .withQueryParam("next_token", absent()).willReturn(x(kit, "x/page1.json")));
        kit.platform.stubFor(x.apply("#acme -is:retweet")
                .withQueryParam("next_token", equalTo("b26v89c19zqg8o3fosbr3j7wd4d0c7ggk6ztgp5y0pplp"))
                .willReturn(x(kit, "x/page2.json")));
        kit.platform.stubFor(x.apply("#acme -is:retweet")
                .withQueryParam("since_id", equalTo(now("2050157152957366395"))).willReturn(x(kit, "x/newer.json")));
        kit.platform.stubFor(x.apply("#acme -is:retweet")
                .withQueryParam("since_id", equalTo(now("2050160990745526395"))).willReturn(x(kit, "x/empty.json")));
        kit.platform.stubFor(get(urlPathEqualTo(recent)).withQueryParam("query", equalTo("#refused has:bogus"))
                .willReturn(aResponse().withStatus(400).withBody(kit.fixture("x/invalid-query.json"))));

        String feed = "/v25.0/104998765432109/feed";
        kit.platform.stubFor(get(urlPathEqualTo(feed)).atPriority(5).willReturn(ok(kit, "facebook/feed-page1.json")));
        kit.platform
                .stubFor(get(urlPathEqualTo(feed)).atPriority(1).withQueryParam("after", equalTo("QVFIUmZAXS2x1eEF"))
                        .willReturn(ok(kit, "facebook/feed-page2.json")));
        kit.platform.stubFor(get(urlPathEqualTo(feed)).atPriority(1).withQueryParam("since", equalTo("1777629930"))
                .willReturn(ok(kit, "facebook/feed-newer.json")));
        kit.platform.stubFor(get(urlPathEqualTo(feed)).atPriority(1).withQueryParam("since", equalTo("1777632600"))
                .willReturn(aResponse().withHeader("content-type", "application/json").withBody("{\"data\":[]}")));

        kit.platform.stubFor(get(urlPathEqualTo("/v25.0/ig_hashtag_search"))
                .willReturn(ok(kit, "instagram/hashtag-search.json")));
        String media = "/v25.0/17843853986012965/recent_media";
        kit.platform.stubFor(get(urlPathEqualTo(media)).withQueryParam("after", absent())
                .willReturn(ok(kit, "instagram/recent-page1.json")));
        kit.platform.stubFor(get(urlPathEqualTo(media)).withQueryParam("after", equalTo("QVFIUmx1WTBpMGpRY2xCNmVX"))
                .willReturn(ok(kit, "instagram/recent-page2.json")));

        kit.platform.stubFor(get(urlPathEqualTo("/rest/posts")).withQueryParam("start", equalTo("0"))
                .withHeader("LinkedIn-Version", equalTo("202601")).willReturn(ok(kit, "linkedin/posts-page1.json")));
        kit.platform.stubFor(get(urlPathEqualTo("/rest/posts")).withQueryParam("start", equalTo("2"))
                .willReturn(ok(kit, "linkedin/posts-page2.json")));

        String tag = "/one/api/v1/timelines/tag/acme";
        kit.platform.stubFor(get(urlPathEqualTo(tag)).withQueryParam("min_id", absent())
                .willReturn(ok(kit, "mastodon/tag-first.json")));
        kit.platform.stubFor(get(urlPathEqualTo(tag)).withQueryParam("min_id", equalTo("114400000000000123"))
                .willReturn(ok(kit, "mastodon/tag-after.json")));
        kit.platform.stubFor(get(urlPathEqualTo(tag)).withQueryParam("min_id", equalTo("114400000000000125"))
                .willReturn(aResponse().withHeader("content-type", "application/json").withBody("[]")));

        // Algolia answers the first time slice with two pages; every later slice is empty.
        String search = "/api/v1/search_by_date";
        kit.platform.stubFor(get(urlPathEqualTo(search)).inScenario("hn").whenScenarioStateIs(STARTED)
                .withQueryParam("page", equalTo("0")).willReturn(ok(kit, "hackernews/page0.json"))
                .willSetStateTo("second page"));
        kit.platform.stubFor(get(urlPathEqualTo(search)).inScenario("hn").whenScenarioStateIs("second page")
                .withQueryParam("page", equalTo("1")).willReturn(ok(kit, "hackernews/page1.json"))
                .willSetStateTo("done"));
        kit.platform.stubFor(get(urlPathEqualTo(search)).inScenario("hn").whenScenarioStateIs("done")
                .willReturn(ok(kit, "hackernews/empty.json")));

        kit.platform
                .stubFor(WireMock.post(urlPathEqualTo("/api/v1/access_token"))
                        .willReturn(ok(kit, "reddit/token.json")));
        kit.platform.stubFor(get(urlPathEqualTo("/search")).withQueryParam("before", absent())
                .willReturn(ok(kit, "reddit/search-first.json")));
        kit.platform.stubFor(get(urlPathEqualTo("/search")).withQueryParam("before", equalTo("t3_1kabcdf"))
                .willReturn(ok(kit, "reddit/search-newer.json")));
        kit.platform.stubFor(get(urlPathEqualTo("/search")).withQueryParam("before", equalTo("t3_1kabcdz"))
                .willReturn(ok(kit, "reddit/empty.json")));

        kit.platform.stubFor(get(urlPathEqualTo("/youtube/v3/commentThreads"))
                .withQueryParam("key", equalTo(YOUTUBE_KEY)).willReturn(ok(kit, "youtube/threads-page1.json")));

        kit.platform.stubFor(WireMock
                .post(urlPathEqualTo("/xrpc/com.atproto.server.createSession"))
                .willReturn(ok(kit, "bluesky/session.json")));
        String posts = "/xrpc/app.bsky.feed.searchPosts";
        kit.platform.stubFor(get(urlPathEqualTo(posts)).withQueryParam("since", absent())
                .willReturn(ok(kit, "bluesky/search-first.json")));
        // since is the newest post's sortAt (the earlier of createdAt and indexedAt) less the 15-minute look-back.
        kit.platform.stubFor(get(urlPathEqualTo(posts)).withQueryParam("since", equalTo("2026-05-01T10:00:30.123Z"))
                .willReturn(ok(kit, "bluesky/search-newer.json")));
        kit.platform.stubFor(get(urlPathEqualTo(posts)).withQueryParam("since", equalTo("2026-05-01T10:15:00.000Z"))
                .willReturn(aResponse().withHeader("content-type", "application/json").withBody("{\"posts\":[]}")));
    }

    private static ResponseDefinitionBuilder ok(PlatformKit kit,
            String fixture) {
        return aResponse().withHeader("content-type", "application/json").withBody(kit.fixture(fixture));
    }

    private static ResponseDefinitionBuilder x(PlatformKit kit,
            String fixture) {
        String body = kit.fixture(fixture);
        for (String id : X_IDS) {
            body = body.replace(id, now(id));
        }
        return aResponse().withHeader("content-type", "application/json").withBody(body);
    }

    private static Map<String, Long> lakeCounts(PlatformKit kit) {
        return Lake.lines(kit.s3, kit.bucket, "lake/posts/").stream().map(line -> line.post().get("id").asText())
                .collect(Collectors.groupingBy(id -> id, TreeMap::new, Collectors.counting()));
    }

    private String text(ServiceProcess service, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonNode read(ServiceProcess service, String path) {
        try {
            return json.readTree(text(service, path));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
