package io.socialpulse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/**
 * An HTTP/2 (h2c) relay on a free loopback port in front of the Kinesis emulator. Every call
 * passes through as it is, with one exception that makes the emulator's enhanced fan-out behave as
 * Kinesis documents it: once a shard is closed by a split or a merge, kinesis-local keeps sending
 * empty events for it each second, each with a continuation and no child shards, so a reader never
 * learns that the shard ended. Kinesis instead ends a closed shard's subscription with an event
 * that carries no continuation and names the children. The relay turns the first empty event of a
 * closed shard (one that has children in ListShards when the subscription starts; a shard split
 * while a subscription is open is seen at the next subscription) into that event and ends the
 * subscription.
 */
public final class FanOutRelay implements AutoCloseable {

    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final HttpClient client;
    private final int targetPort;
    private final KinesisClient kinesis;
    /** Closing events the relay has sent, one per closed shard's subscription that reached its end. */
    public final AtomicInteger closings = new AtomicInteger();

    private FanOutRelay(int targetPort, KinesisClient kinesis) {
        this.targetPort = targetPort;
        this.kinesis = kinesis;
        this.client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false).setHttp2MaxPoolSize(4));
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setHttp2ClearTextEnabled(true));
        server.requestHandler(this::relay);
    }

    /** Starts a relay to the emulator on {@code targetPort}; {@code kinesis} lists the shards. */
    public static FanOutRelay start(int targetPort, KinesisClient kinesis) {
        FanOutRelay relay = new FanOutRelay(targetPort, kinesis);
        try {
            relay.server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the relay did not start", e);
        }
        return relay;
    }

    public int port() {
        return server.actualPort();
    }

    private void relay(HttpServerRequest in) {
        String target = in.getHeader("X-Amz-Target");
        boolean subscribe = target != null && target.endsWith(".SubscribeToShard");
        in.body().onSuccess(body -> {
            RequestOptions options = new RequestOptions().setMethod(in.method()).setHost("127.0.0.1")
                    .setPort(targetPort).setURI(in.uri());
            in.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("host")) {
                    options.addHeader(name, value);
                }
            });
            client.request(options).compose(out -> out.send(body)).onSuccess(answer -> {
                HttpServerResponse back = in.response().setStatusCode(answer.statusCode());
                answer.headers().forEach((name, value) -> {
                    if (!name.equalsIgnoreCase("content-length") || !subscribe) {
                        back.putHeader(name, value);
                    }
                });
                if (subscribe && answer.statusCode() == 200) {
                    events(answer, back, closedShard(body, in.getHeader("Content-Type")));
                } else {
                    answer.body().onSuccess(back::end).onFailure(f -> back.reset());
                }
            }).onFailure(f -> in.response().reset());
        });
    }

    /**
     * The children of the shard a SubscribeToShard asks for, as the closing event names them, or
     * null while the shard is open.
     */
    private ArrayNode closedShard(Buffer body, String contentType) {
        try {
            JsonNode request = mapper(contentType).readTree(body.getBytes());
            String arn = request.path("ConsumerARN").asText();
            String stream = arn.substring(arn.indexOf(":stream/") + 8, arn.indexOf("/consumer/"));
            String shardId = request.path("ShardId").asText();
            List<Shard> shards = kinesis.listShards(r -> r.streamName(stream)).shards();
            ArrayNode children = JSON.createArrayNode();
            for (Shard shard : shards) {
                if (shardId.equals(shard.parentShardId()) || shardId.equals(shard.adjacentParentShardId())) {
                    ObjectNode child = children.addObject().put("ShardId", shard.shardId());
                    ArrayNode parents = child.putArray("ParentShards").add(shard.parentShardId());
                    if (shard.adjacentParentShardId() != null) {
                        parents.add(shard.adjacentParentShardId());
                    }
                    child.putObject("HashKeyRange").put("StartingHashKey", shard.hashKeyRange().startingHashKey())
                            .put("EndingHashKey", shard.hashKeyRange().endingHashKey());
                }
            }
            return children.isEmpty() ? null : children;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relays the subscription's events, closing it at the first empty event of a closed shard. */
    private void events(HttpClientResponse answer, HttpServerResponse back, ArrayNode children) {
        back.setChunked(true);
        boolean[] ended = {false};
        MessageDecoder decoder = new MessageDecoder(message -> {
            if (ended[0]) {
                return;
            }
            Message closing = children == null ? null : closing(message, children);
            back.write(Buffer.buffer(bytes(closing == null ? message : closing)));
            if (closing != null) {
                ended[0] = true;
                closings.incrementAndGet();
                back.end();
                answer.request().reset();
            }
        });
        answer.handler(chunk -> decoder.feed(ByteBuffer.wrap(chunk.getBytes())));
        answer.endHandler(v -> {
            if (!ended[0]) {
                back.end();
            }
        });
        answer.exceptionHandler(f -> {
            if (!ended[0]) {
                back.reset();
            }
        });
        back.closeHandler(v -> answer.request().reset());
    }

    /** The closing event in place of {@code message} if it is an event without records; null otherwise. */
    private static Message closing(Message message, ArrayNode children) {
        Map<String, HeaderValue> headers = message.getHeaders();
        HeaderValue type = headers.get(":event-type");
        if (type == null || !"SubscribeToShardEvent".equals(type.getString())) {
            return null;
        }
        HeaderValue contentType = headers.get(":content-type");
        ObjectMapper mapper = mapper(contentType == null ? null : contentType.getString());
        try {
            ObjectNode event = (ObjectNode) mapper.readTree(message.getPayload());
            if (event.path("Records").size() > 0) {
                return null;
            }
            event.remove("ContinuationSequenceNumber");
            event.put("MillisBehindLatest", 0);
            event.set("ChildShards", children);
            return new Message(headers, mapper.writeValueAsBytes(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Message message) {
        ByteBuffer encoded = message.toByteBuffer();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    private static ObjectMapper mapper(String contentType) {
        return contentType != null && contentType.contains("cbor") ? CBOR : JSON;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the relay did not close", e);
        }
    }
}
