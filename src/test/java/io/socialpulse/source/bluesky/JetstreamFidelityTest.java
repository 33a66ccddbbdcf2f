package io.socialpulse.source.bluesky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.Settings;
import io.socialpulse.testing.WebSocketScript;

/**
 * Jetstream as it really streams: {@code time_us} goes back now and then (42 times in 152 events of
 * a production capture, up to 32 ms), and keywords must match words, not parts of words.
 */
class JetstreamFidelityTest {

    /** A production-like time: microseconds since the epoch (2024-09-09). */
    static final long T = 1_725_911_162_000_000L;

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    private WebSocketScript server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private JetstreamSource source(int port) {
        return new JetstreamSource(kit.context(), Settings.sources("SOURCES_JETSTREAM_URL", "ws://127.0.0.1:" + port,
                "SOURCES_JETSTREAM_KEYWORDS", "acme", "SOURCES_JETSTREAM_BUFFER", "1000",
                "SOURCES_JETSTREAM_IDLE_TIMEOUT", "60s").jetstream());
    }

    private List<String> collect(JetstreamSource source, int wanted) {
        List<String> rkeys = new ArrayList<>();
        Eventually.get(Duration.ofSeconds(20), () -> {
            PlatformKit.pollAndCommit(source).posts().forEach(p -> rkeys.add(p.nativeId()));
            return rkeys.size();
        }, n -> n >= wanted);
        return rkeys;
    }

    @Test
    void aRestartAcrossATimeInversionLosesNothingAndDoublesNothing() throws Exception {
        String e1 = JetstreamSourceTest.post(T + 100, "3le1", "acme one");
        String e2 = JetstreamSourceTest.post(T + 32_300, "3le2", "acme two");
        // Written before e2 by the clock, sent after it: resuming at e2's time_us + 1 would skip it.
        String e3 = JetstreamSourceTest.post(T + 300, "3le3", "acme three");
        String e4 = JetstreamSourceTest.post(T + 40_000, "3le4", "acme four");
        server = new WebSocketScript(false);
        server.session(List.of(e1, e2));
        server.session(List.of(e1, e2, e3, e4)); // what Jetstream replays from the rewound cursor
        List<String> queries = server.queries();

        JetstreamSource first = source(server.port());
        assertEquals(List.of("3le1", "3le2"), collect(first, 2));

        JetstreamSource restarted = source(server.port());
        List<String> after = collect(restarted, 2);
        assertEquals(List.of("3le3", "3le4"), after, "e3 read, e1 and e2 dropped by the cursor's ids");
        assertEquals("wantedCollections=app.bsky.feed.post&cursor=" + (T + 32_300 - 5_000_000), queries.get(1),
                "the restart resumes 5 s before the newest event collected");
    }

    /**
     * Five events recorded from the production Jetstream (two replies, two likes, a follow; see
     * fixtures/bluesky/SOURCES.md): the replies are collected as they came, word for word, and the
     * other collections pass without a post, an error or a quarantine.
     */
    @Test
    void recordedProductionEventsAreReadAsTheyCame() throws Exception {
        List<String> events;
        try (var in = getClass().getResourceAsStream("/fixtures/bluesky/recorded/jetstream-jsonbench.jsonl")) {
            events = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertEquals(5, events.size());
        server = new WebSocketScript(true);
        server.session(events);
        JetstreamSource source = new JetstreamSource(kit.context(), Settings.sources(
                "SOURCES_JETSTREAM_URL", "ws://127.0.0.1:" + server.port(), "SOURCES_JETSTREAM_KEYWORDS",
                "shines,heard",
                "SOURCES_JETSTREAM_BUFFER", "1000").jetstream());
        List<Post> posts = new ArrayList<>();
        Eventually.get(Duration.ofSeconds(20), () -> {
            posts.addAll(PlatformKit.pollAndCommit(source).posts());
            return posts.size();
        }, n -> n >= 2);
        assertEquals(List.of("3lbhtyteurk2y", "3lbhtytjqzk2q"), posts.stream().map(Post::nativeId).toList());
        Post first = posts.get(0);
        assertEquals("bluesky:at://did:plc:yj3sjq3blzpynh27cumnp5ks/app.bsky.feed.post/3lbhtyteurk2y", first.id());
        assertEquals("reply", first.kind());
        assertEquals("aaaaah.  LIght shines in a corner of WTF....", first.text(), "kept as sent, spaces and all");
        assertEquals("en", first.lang());
        assertEquals(Instant.parse("2024-11-21T16:09:27.095Z"), first.createdAt());
        assertEquals("did:plc:yj3sjq3blzpynh27cumnp5ks", first.author().nativeId());
        assertEquals("okay i take mine back because I hadn\u2019t heard this one yet^^", posts.get(1).text());
        assertEquals(List.of(), kit.quarantined(), "likes and follows are not malformed posts");
    }

    private static JsonNode record(String text) throws Exception {
        return PostCodec.mapper().readTree("{\"text\":\"" + text + "\"}");
    }

    @Test
    void keywordsMatchWholeWordsInAnyCaseAndTagsWholeTags() throws Exception {
        List<String> words = List.of("rust");
        List<String> tags = List.of("launch");
        assertTrue(Keywords.matches(record("learning rust today"), words, List.of()));
        assertTrue(Keywords.matches(record("RUST!"), words, List.of()));
        assertFalse(Keywords.matches(record("I trust you"), words, List.of()), "not part of a word");
        assertFalse(Keywords.matches(record("rusty nails"), words, List.of()));
        assertTrue(Keywords.matches(record("big #Launch."), List.of(), tags));
        assertFalse(Keywords.matches(record("big #launchday"), List.of(), tags), "another tag");
        assertTrue(Keywords.matches(PostCodec.mapper().readTree(
                "{\"text\":\"no tag in text\",\"tags\":[\"launch\"]}"), List.of(), tags), "a tag outside the text");
    }

    @Test
    void aQuotePostFromTheStreamIsAQuote() throws Exception {
        JsonNode event = PostCodec.mapper().readTree(
                "{\"did\":\"did:plc:ann\",\"time_us\":" + T
                        + ",\"kind\":\"commit\",\"commit\":{\"operation\":\"create\","
                        + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3lq\",\"record\":{\"text\":\"acme +1\","
                        + "\"createdAt\":\"2024-09-09T19:46:02.102Z\",\"embed\":{\"$type\":\"app.bsky.embed.recordWithMedia\","
                        + "\"record\":{\"record\":{\"uri\":\"at://did:plc:bob/app.bsky.feed.post/3o\"}}}}}}");
        Post post = JetstreamMapper.post(event, new Post.Match("s", List.of("acme")), Instant.EPOCH);
        assertEquals("quote", post.kind());
    }
}
