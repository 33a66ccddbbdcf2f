package io.socialpulse.source.bluesky;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.config.JetstreamConfig;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;
import io.socialpulse.source.kit.PlatformSource;

/**
 * Bluesky's Jetstream firehose over a WebSocket: every new post on the network, matched against
 * the configured keywords here. Matched posts wait in a bounded buffer; when it is full the socket
 * is not read (WebSocket demand), so Jetstream's own buffering holds the rest. Each poll drains the
 * buffer into a page whose cursor is the {@code time_us} of its last event. {@code time_us} is not
 * monotonic (a recorded production capture goes back up to 32 ms, 42 times in 152 events), so a
 * restart, like a dropped connection, reconnects {@link #REWIND} before the cursor, and the ids kept
 * in the cursor drop what is read twice. Keywords match whole words, case-insensitively; hashtags
 * match by facet or as a whole {@code #tag} in the text.
 */
public final class JetstreamSource extends PlatformSource {

    static final int PAGE = 1000;
    static final Duration IDLE_CURSOR_EVERY = Duration.ofSeconds(30);
    /** How far before the cursor a connection resumes: far more than time_us ever goes back. */
    static final Duration REWIND = Duration.ofSeconds(5);

    private final JetstreamConfig config;
    private final HttpClient client = HttpClient.newHttpClient();
    private final JetstreamBuffer buffer;
    private WebSocket socket;
    private Instant lastMessage;
    private boolean connecting;
    private boolean paused;
    private long lastSeen;
    private Throwable lost;
    private Instant cursorMoved = Instant.EPOCH;
    private long received;

    public JetstreamSource(PlatformContext context, JetstreamConfig config) {
        super(context, "bluesky", "jetstream " + String.join(",", config.keywords().orElse(List.of())), config.url(),
                Duration.ofSeconds(1), context.governor().bucket("jetstream", null, config.url()));
        this.config = config;
        this.buffer = new JetstreamBuffer(config.keywords().orElse(List.of()));
    }

    /** Events read from the socket so far (matched or not). */
    public synchronized long received() {
        return received;
    }

    @Override
    protected Duration lookback() {
        return REWIND;
    }

    @Override
    protected Uni<Fetched> fetch(ObjectNode cursor) {
        Instant now = context.clock().instant();
        synchronized (this) {
            JetstreamBuffer.Drained drained = buffer.drain(PAGE,
                    new Post.Match(id(), config.keywords().orElse(List.of())), now, id());
            List<Post> posts = drained.posts();
            long last = drained.lastTimeUs();
            if (socket != null && !paused && lastMessage != null
                    && now.isAfter(lastMessage.plus(config.idleTimeout()))) {
                // Half-open: no close, no error, no data. Give the socket up and reconnect from the last event.
                socket.abort();
                socket = null;
                lost = new IOException("no event for " + config.idleTimeout().toSeconds()
                        + " s (SOURCES_JETSTREAM_IDLE_TIMEOUT)");
            }
            // What arrived before a connection dropped is handed on first; then the reconnect, with backoff.
            if (socket == null && !connecting && posts.isEmpty()) {
                Throwable failure = lost;
                lost = null;
                // time_us goes back now and then: start a little before the last event, repeats are dropped.
                long from = resumeAt(lastSeen > 0 ? lastSeen : cursor.path("time_us").asLong(0));
                connect(from);
                if (failure != null) {
                    throw PlatformException.of(Kind.TRANSIENT, "Jetstream connection lost (" + failure.getMessage()
                            + "); reconnecting");
                }
            }
            if (paused && buffer.size() < config.buffer() / 2 && socket != null) {
                paused = false;
                socket.request(1);
            }
            ObjectNode after = cursor.deepCopy();
            if (last > 0) {
                after.put("time_us", last);
            } else if (buffer.isEmpty() && lastSeen > 0 && now.isAfter(cursorMoved.plus(IDLE_CURSOR_EVERY))) {
                // Nothing matched for a while: move the cursor anyway so a restart does not replay it all.
                after.put("time_us", lastSeen);
                cursorMoved = now;
            }
            return Uni.createFrom().item(new Fetched(posts, after, buffer.size() >= PAGE));
        }
    }

    /** Where a connection resumes after the event at {@code timeUs}: {@link #REWIND} before it; 0 for none yet. */
    public static long resumeAt(long timeUs) {
        return timeUs > 0 ? Math.max(1, timeUs - REWIND.toNanos() / 1000) : 0;
    }

    private void connect(long fromTimeUs) {
        connecting = true;
        String uri = config.url() + "/subscribe?wantedCollections=app.bsky.feed.post"
                + (fromTimeUs > 0 ? "&cursor=" + fromTimeUs : "");
        client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(uri), new Listener())
                .whenComplete((ws, failure) -> {
                    synchronized (this) {
                        connecting = false;
                        if (failure != null) {
                            lost = failure.getCause() != null ? failure.getCause() : failure;
                        } else {
                            socket = ws;
                            lastMessage = context.clock().instant();
                            Log.infof("source %s: connected to %s%s", id(), URI.create(config.url()).getHost(),
                                    fromTimeUs > 0 ? " from cursor " + fromTimeUs : "");
                        }
                    }
                });
    }

    private synchronized void accept(String text) {
        received++;
        JsonNode event;
        try {
            event = PostCodec.mapper().readTree(text);
        } catch (IOException e) {
            Log.warnf("source %s: an event that is not JSON was skipped", id());
            return;
        }
        long timeUs = event.path("time_us").asLong(0);
        if (timeUs > 0) {
            lastSeen = Math.max(lastSeen, timeUs);
        }
        buffer.offer(event);
    }

    private synchronized void closed(Throwable failure) {
        socket = null;
        lost = failure;
    }

    /** Reads one message at a time; stops asking while the buffer is full. */
    private final class Listener implements WebSocket.Listener {

        private StringBuilder partial = new StringBuilder();
        private boolean oversized;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            synchronized (JetstreamSource.this) {
                lastMessage = context.clock().instant();
            }
            // A message that never completes is bounded like any answer (SOURCES_MAX_RESPONSE_BYTES, in characters).
            int limit = context.http().maxBytes();
            if (!oversized && partial.length() + data.length() > limit) {
                oversized = true; // the rest of this event is read and dropped, never held
                partial = new StringBuilder();
            }
            if (!oversized) {
                partial.append(data);
            }
            if (last) {
                if (oversized) {
                    Log.warnf("source %s: an event over %d characters was skipped", id(), limit);
                    oversized = false;
                } else {
                    String text = partial.toString();
                    partial = new StringBuilder();
                    accept(text);
                }
            }
            synchronized (JetstreamSource.this) {
                if (buffer.size() < config.buffer()) {
                    webSocket.request(1);
                } else {
                    paused = true;
                }
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(new IOException("closed by Jetstream (" + statusCode + " " + reason + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed(error);
        }
    }
}
