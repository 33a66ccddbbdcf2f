package io.socialpulse.source.bluesky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.socialpulse.post.Post;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.Settings;
import io.socialpulse.testing.WebSocketScript;

/**
 * The Jetstream source against a WebSocket server on loopback speaking Jetstream's event format: keyword
 * matching on our side, a dropped connection resumed from the last event, a restart resumed from
 * the stored cursor.
 */
public class JetstreamSourceTest {

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    private WebSocketScript server;
    private List<String> queries = List.of();
    private final List<List<String>> sessions = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    public static String post(long timeUs, String rkey, String text) {
        return "{\"did\":\"did:plc:abc123xyz\",\"time_us\":" + timeUs
                + ",\"kind\":\"commit\",\"commit\":{\"rev\":\"3l\","
                + "\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"" + rkey
                + "\",\"cid\":\"b\","
                + "\"record\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"" + text + "\","
                + "\"createdAt\":\"2026-05-01T10:15:30.123Z\",\"langs\":[\"en\"]}}}";
    }

    /** Serves the next scripted session to each connection, then closes it. */
    private int serve() throws Exception {
        server = new WebSocketScript(false);
        sessions.forEach(server::session);
        queries = server.queries();
        return server.port();
    }

    private JetstreamSource source(PlatformContext context, int port) {
        return new JetstreamSource(context, Settings.sources("SOURCES_JETSTREAM_URL", "ws://127.0.0.1:" + port,
                "SOURCES_JETSTREAM_KEYWORDS", "acme,#launch", "SOURCES_JETSTREAM_BUFFER", "1000",
                "SOURCES_JETSTREAM_IDLE_TIMEOUT", "60s").jetstream());
    }

    private List<String> collect(JetstreamSource source, int wanted) {
        List<String> ids = new ArrayList<>();
        Eventually.get(Duration.ofSeconds(20), () -> {
            PlatformKit.pollAndCommit(source).posts().stream().map(Post::id).forEach(ids::add);
            kit.clock.advance(Duration.ofMinutes(10)); // past any reconnect backoff
            return ids.size();
        }, n -> n >= wanted);
        return ids;
    }

    @Test
    void theDeletionOfACollectedPostBecomesATombstoneAndOtherDeletionsAreIgnored() throws Exception {
        String delete = "{\"did\":\"did:plc:abc123xyz\",\"time_us\":%d,\"kind\":\"commit\",\"commit\":"
                + "{\"rev\":\"3m\",\"operation\":\"delete\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"%s\"}}";
        sessions.add(List.of(post(2000, "3lkeep", "acme thoughts"), String.format(delete, 2001, "3lkeep"),
                String.format(delete, 2002, "3lnever"), post(2003, "3lmore", "more acme")));
        JetstreamSource source = source(kit.context(), serve());
        List<Post> posts = new ArrayList<>();
        Eventually.get(Duration.ofSeconds(20), () -> {
            posts.addAll(PlatformKit.pollAndCommit(source).posts());
            return posts.size();
        }, n -> n >= 3);
        assertEquals(List.of("post", "delete", "post"), posts.stream().map(Post::kind).toList());
        assertEquals(posts.get(0).id() + "#delete", posts.get(1).id(), "the tombstone names the deleted post");
        assertEquals(Instant.ofEpochSecond(0, 2_001_000), posts.get(1).createdAt(), "at the deletion's time");
    }

    @Test
    void keepsMatchingPostsAndResumesAfterTheLastEventOnReconnectAndRestart() throws Exception {
        sessions.add(List.of(post(1000, "3laaa", "Trying acme today"), post(1001, "3lbbb", "nothing to see"),
                "{\"did\":\"did:plc:x\",\"time_us\":1002,\"kind\":\"commit\",\"commit\":{\"operation\":\"delete\","
                        + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3lzzz\"}}",
                post(1003, "3lccc", "big #launch day")));
        sessions.add(List.of(post(1005, "3lddd", "ACME again")));
        sessions.add(List.of(post(1007, "3leee", "acme after a restart")));
        int port = serve();

        PlatformContext context = kit.context();
        JetstreamSource source = source(context, port);
        List<String> ids = collect(source, 3);
        assertEquals(List.of("bluesky:at://did:plc:abc123xyz/app.bsky.feed.post/3laaa",
                "bluesky:at://did:plc:abc123xyz/app.bsky.feed.post/3lccc",
                "bluesky:at://did:plc:abc123xyz/app.bsky.feed.post/3lddd"), ids);
        assertEquals("wantedCollections=app.bsky.feed.post", queries.get(0));
        assertEquals("wantedCollections=app.bsky.feed.post&cursor=" + JetstreamSource.resumeAt(1003), queries.get(1),
                "the reconnect starts before the last event received, matched or not");
        assertTrue(kit.storedCursor(source).contains("\"time_us\":1005"), kit.storedCursor(source));

        JetstreamSource restarted = source(kit.context(), port);
        assertEquals(List.of("bluesky:at://did:plc:abc123xyz/app.bsky.feed.post/3leee"), collect(restarted, 1));
        assertEquals("wantedCollections=app.bsky.feed.post&cursor=" + JetstreamSource.resumeAt(1005), queries.get(2),
                "a restart starts before the stored cursor");
    }

    @Test
    void aSocketThatGoesSilentWithoutClosingIsGivenUpAndReopened() throws Exception {
        server = new WebSocketScript(true); // sends the session, then neither closes nor speaks
        server.session(List.of(post(3000, "3lone", "acme one")));
        server.session(List.of(post(3002, "3ltwo", "acme two")));
        queries = server.queries();
        JetstreamSource source = source(kit.context(), server.port());
        List<String> ids = new ArrayList<>();
        Eventually.get(Duration.ofSeconds(20), () -> {
            PlatformKit.pollAndCommit(source).posts().stream().map(Post::id).forEach(ids::add);
            return ids.size();
        }, n -> n >= 1);
        assertEquals(1, queries.size(), "one connection while events flow");

        kit.clock.advance(Duration.ofSeconds(61));
        assertEquals(List.of(), PlatformKit.pollAndCommit(source).posts(), "the silent socket is given up");
        Eventually.get(Duration.ofSeconds(20), () -> {
            kit.clock.advance(Duration.ofMinutes(1)); // past the reconnect backoff
            PlatformKit.pollAndCommit(source).posts().stream().map(Post::id).forEach(ids::add);
            return ids.size();
        }, n -> n >= 2);
        assertEquals(2, ids.size(), ids.toString());
        assertEquals("wantedCollections=app.bsky.feed.post&cursor=" + JetstreamSource.resumeAt(3000), queries.get(1),
                "the new socket starts before the last event");
    }

    @Test
    void anEventOverTheSizeLimitIsSkippedAndTheNextOneRead() throws Exception {
        String huge = post(4000, "3lhuge", "acme " + "x".repeat(1 << 20)); // the kit reads answers up to 1 MiB
        sessions.add(List.of(huge, post(4001, "3lsmall", "acme small")));
        JetstreamSource source = source(kit.context(), serve());
        List<String> ids = collect(source, 1);
        assertEquals(List.of("bluesky:at://did:plc:abc123xyz/app.bsky.feed.post/3lsmall"), ids);
    }
}
