package io.socialpulse.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.quarkus.logging.Log;
import io.socialpulse.trends.HubEvent;
import io.socialpulse.trends.TrendHub;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Delivers every tick to the open streams. Fan-out is what costs with thousands of streams, so each
 * tick is framed once per view (scope, window, limit) into one buffer that every subscriber of that
 * view shares ({@link LiveTicks}), and delivered by one task per event loop for all the streams that
 * loop serves. A subscriber whose connection does not take what it is sent holds at most its
 * socket's buffers plus a reference to the newest frame (older ones are dropped: every tick carries
 * complete lists); one that takes nothing for {@code TRENDS_STALL_TIMEOUT} is disconnected.
 */
@Singleton
public class StreamFanOut {

    private static final Buffer PING = Buffer.buffer(":ping\n\n");

    private final TrendHub hub;
    private final LiveTicks live;
    /** The streams of each event loop, touched only from that loop's thread. */
    private final Map<Thread, Loop> loops = new ConcurrentHashMap<>();
    private volatile boolean closed;

    StreamFanOut(TrendHub hub, LiveTicks live) {
        this.hub = hub;
        this.live = live;
    }

    void start() {
        hub.events().subscribe().with(this::publish, f -> Log.errorf(f, "trends: the stream fan-out stopped"),
                this::closeAll);
    }

    boolean closed() {
        return closed;
    }

    /** Adds an admitted stream, on its event loop's thread, to that loop's deliveries. */
    void join(HttpServerResponse response, HttpConnection connection, TrendFrames.View view) {
        Loop loop = loops.computeIfAbsent(Thread.currentThread(), t -> new Loop(Vertx.currentContext()));
        Subscriber subscriber = new Subscriber(response, belowEncoder(connection), view, loop);
        loop.subscribers.add(subscriber);
        response.closeHandler(v -> subscriber.gone());
        response.exceptionHandler(e -> subscriber.gone());
        response.drainHandler(v -> subscriber.drained());
    }

    /** Called on the ticker's thread: keeps the tick for reconnects, then hands it to each event loop, once. */
    private void publish(HubEvent event) {
        live.keep(event);
        for (Loop loop : loops.values()) {
            loop.context.runOnContext(v -> loop.deliver(event));
        }
    }

    void closeAll() {
        closed = true;
        for (Loop loop : loops.values()) {
            loop.context.runOnContext(v -> {
                for (Subscriber subscriber : new ArrayList<>(loop.subscribers)) {
                    subscriber.response.end();
                    subscriber.gone();
                }
            });
        }
    }

    /**
     * Where an HTTP/1.1 stream's frames can go already chunk-encoded: the pipeline just below the
     * HTTP encoder, so a write is one buffer with no encoding per stream. Null, and the frames go
     * through the response, for HTTP/2 and when HTTP compression is on (the compressor sits above
     * the encoder, and a frame written around it would reach a gzip stream uncompressed).
     */
    private static ChannelHandlerContext belowEncoder(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return null;
        }
        ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
        return pipeline.get("deflater") == null ? pipeline.context("httpEncoder") : null;
    }

    /** {@code frame} as one HTTP/1.1 chunk (size line, data, line end) in direct memory. */
    private static ByteBuf chunk(Buffer frame) {
        ByteBuf data = frame.getByteBuf();
        byte[] size = (Integer.toHexString(data.readableBytes()) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer chunk = ByteBuffer.allocateDirect(size.length + data.readableBytes() + 2).put(size);
        data.getBytes(data.readerIndex(), chunk.slice().limit(data.readableBytes()));
        chunk.position(chunk.position() + data.readableBytes()).put((byte) '\r').put((byte) '\n').flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(chunk));
    }

    /** The streams one event loop serves. */
    private final class Loop {
        final Context context;
        final Set<Subscriber> subscribers = new LinkedHashSet<>();
        /** Frames of the last ticks as chunks, each encoded once for every stream of this loop. */
        final Map<Buffer, ByteBuf> chunks = new IdentityHashMap<>();

        ByteBuf chunked(Buffer frame) {
            if (chunks.size() > 64) {
                chunks.clear();
            }
            return chunks.computeIfAbsent(frame, StreamFanOut::chunk);
        }

        Loop(Context context) {
            this.context = context;
        }

        void deliver(HubEvent event) {
            if (live.superseded(event)) {
                // A newer tick is on its way to this loop, and every tick carries complete lists. Only
                // the newest is kept framed, so sending this one would render it once per stream: a
                // loop behind under load would fall further behind.
                return;
            }
            long now = System.nanoTime();
            for (Subscriber subscriber : new ArrayList<>(subscribers)) {
                subscriber.send(event.isPing() ? PING : subscriber.view.frame(event, live), event.isPing(), now);
            }
        }
    }

    /** One open stream. */
    private final class Subscriber {
        final HttpServerResponse response;
        final ChannelHandlerContext encoder;
        final TrendFrames.View view;
        final Loop loop;
        /** The newest frame its connection had no room for; older ones are dropped. */
        Buffer pending;
        /** When its connection last stopped taking data, or 0 while it takes what it is sent. */
        long fullSince;
        boolean gone;

        Subscriber(HttpServerResponse response, ChannelHandlerContext encoder, TrendFrames.View view, Loop loop) {
            this.response = response;
            this.encoder = encoder;
            this.view = view;
            this.loop = loop;
        }

        void send(Buffer frame, boolean ping, long now) {
            if (gone) {
                return;
            }
            if (!response.writeQueueFull()) {
                fullSince = 0;
                write(frame);
                return;
            }
            if (fullSince == 0) {
                fullSince = now;
            } else if (now - fullSince > hub.config().stallTimeout().toNanos()) {
                Log.debugf("trends: closing a stream that took nothing for %s", hub.config().stallTimeout());
                response.reset();
                gone();
                return;
            }
            if (!ping) {
                pending = frame;
            }
        }

        void drained() {
            fullSince = 0;
            Buffer frame = pending;
            pending = null;
            if (frame != null && !gone) {
                write(frame);
            }
        }

        /** Writes without a completion to track: no promise per subscriber per tick. */
        private void write(Buffer frame) {
            if (encoder == null) {
                response.write(frame, null);
            } else {
                encoder.writeAndFlush(loop.chunked(frame).duplicate(), encoder.voidPromise());
            }
        }

        void gone() {
            if (!gone) {
                gone = true;
                pending = null;
                loop.subscribers.remove(this);
                live.closed();
            }
        }
    }
}
