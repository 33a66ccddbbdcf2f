package io.socialpulse.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.netty.buffer.Unpooled;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.socialpulse.post.Platforms;
import io.socialpulse.post.PostCodec;
import io.socialpulse.trends.Alert;
import io.socialpulse.trends.Driver;
import io.socialpulse.trends.HubEvent;
import io.socialpulse.trends.Influencer;
import io.socialpulse.trends.Influencers;
import io.socialpulse.trends.SentimentView;
import io.socialpulse.trends.TrendSnapshot;
import io.vertx.core.buffer.Buffer;

/**
 * The trend stream's events as SSE text: a tick as one view (scope, window, limit) shows it,
 * framed once and shared by every subscriber of that view.
 */
final class TrendFrames {

    private TrendFrames() {
    }

    /** What one subscriber asked for, and a tick framed for it. */
    record View(String scope, String window, int limit) {

        /** The frame of a live tick: kept while it is the newest, for every subscriber of this view. */
        Buffer frame(HubEvent event, LiveTicks live) {
            if (!cacheable(event)) {
                return replayed(event);
            }
            return live.frame(event, scope + "|" + window + "|" + limit, () -> shared(render(event)));
        }

        /** The frame of a tick sent again to one reconnecting stream: made for it and not kept. */
        Buffer replayed(HubEvent event) {
            return Buffer.buffer(render(event));
        }

        /** Only platforms the service knows share a kept frame; any other name is rendered per stream. */
        private boolean cacheable(HubEvent event) {
            return TrendQuery.ALL.equals(scope) || event.scopes().containsKey(HubEvent.key(scope, window))
                    || Platforms.ALL.contains(scope);
        }

        /**
         * The {@code snapshot} event a new stream opens with, from the newest tick: a reconnecting
         * crowd costs one rendering per view, not one window merge per stream.
         */
        Buffer snapshotFrame(HubEvent event, LiveTicks live) {
            if (!cacheable(event)) {
                return Buffer.buffer(snapshotBytes(event));
            }
            return live.frame(event, "snapshot|" + scope + "|" + window + "|" + limit,
                    () -> shared(snapshotBytes(event)));
        }

        private byte[] snapshotBytes(HubEvent event) {
            return ("retry: " + TrendStream.RETRY_MILLIS + "\n"
                    + TrendFrames.event("snapshot", event.id(), json(snapshot(event).limit(limit))))
                    .getBytes(StandardCharsets.UTF_8);
        }

        private TrendSnapshot snapshot(HubEvent event) {
            TrendSnapshot snapshot = event.scopes().get(HubEvent.key(scope, window));
            return snapshot != null
                    ? snapshot
                    : TrendQuery.empty(event.scopes().get(HubEvent.key(TrendQuery.ALL, window)), scope);
        }

        private byte[] render(HubEvent event) {
            TrendSnapshot snapshot = snapshot(event);
            StringBuilder out = new StringBuilder(4096);
            // The influencers go in an event of their own, so a client that shows only tags skips them.
            out.append(event("trends", event.id(), json(snapshot.limit(limit).withInfluencers(null))));
            out.append(event("sentiment", event.id(),
                    json(new SentimentEvent(snapshot.ts(), scope, window, snapshot.sentiment()))));
            Influencers influencers = snapshot.influencers() == null ? Influencers.NONE : snapshot.influencers();
            out.append(event("influencers", event.id(), json(new InfluencersEvent(snapshot.ts(), scope, window,
                    influencers.engagementTotal(), influencers.exact(), influencers.engagement(), influencers.reach(),
                    influencers.drivers()))));
            for (Alert alert : event.alerts()) {
                out.append(event("alert", event.id(), json(alert)));
            }
            out.append(event("stats", event.id(), json(event.stats())));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * A frame every subscriber of a view is sent, in direct memory: the socket takes it from there
     * without a copy per subscriber into a direct buffer of its own.
     */
    private static Buffer shared(byte[] bytes) {
        // A JDK direct buffer, freed by the collector once no frame refers to it: Netty's own direct
        // buffers would need an explicit release, which a buffer shared by every stream never gets.
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return Buffer.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)));
    }

    /** One SSE event; the JSON is compact, so it is a single data line. */
    static String event(String name, long id, String data) {
        return "event: " + name + "\nid: " + id + "\ndata: " + data + "\n\n";
    }

    static String json(Object value) {
        try {
            return PostCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code influencers} event: the scope's accounts by engagement and reach, and who drives its tags. */
    @RegisterForReflection
    public record InfluencersEvent(Instant ts, String scope, String window, long engagementTotal, boolean exact,
            List<Influencer> engagement, List<Influencer> reach, List<Driver> drivers) {
    }

    /** The {@code sentiment} event: the window's sentiment in one scope. */
    @RegisterForReflection
    public record SentimentEvent(Instant ts, String scope, String window, SentimentView sentiment) {
    }
}
