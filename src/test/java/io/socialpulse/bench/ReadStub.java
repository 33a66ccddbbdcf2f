package io.socialpulse.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.sentiment.Sentiment;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * A Kinesis stream in memory for the reading side: {@code shards} shards filled at {@code rate}
 * posts a second between them since the start, served through ListShards, GetShardIterator and
 * GetRecords in the CBOR protocol over h2c, as the service's client speaks it, or pushed through
 * SubscribeToShard to the one enhanced fan-out consumer it registers. A record's arrival
 * time is when the rate put it there, so MillisBehindLatest is true. Posts are made from templates
 * (50 topics, 5,000 authors) with a unique id and the second they are served in patched in, so
 * that the stub costs little of the machine and the service's dedup and repeat checks see every
 * post as new.
 */
final class ReadStub implements AutoCloseable {

    private static final CBORFactory CBOR = new CBORFactory();
    private static final String CBOR_TYPE = "application/x-amz-cbor-1.1";
    private static final String JSON_TYPE = "application/x-amz-json-1.1";
    private static final long FIRST = 1_000_000_000_000L;
    private static final String ID_MARK = "000000000000";
    private static final String[] PLATFORMS = {"x", "bluesky", "mastodon"};
    private static final ObjectMapper CBOR_TREE = new ObjectMapper(CBOR);
    private static final ObjectMapper JSON_TREE = new ObjectMapper();
    private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/bench";
    /** The most records one SubscribeToShard event carries. */
    private static final int EVENT_RECORDS = 1_000;

    final LongAdder served = new LongAdder();
    /** GetRecords calls, and SubscribeToShard events pushed. */
    final LongAdder calls = new LongAdder();
    private final Vertx vertx;
    private final HttpServer server;
    private final int shards;
    private final double perShard;
    private final long startMillis = System.currentTimeMillis();
    private final List<byte[]> templates = new ArrayList<>();
    /**
     * The format of the call being answered, as the client asked (CBOR unless the SDK's CBOR is
     * off): set and used within one call on the server's one event loop.
     */
    private JsonFactory answering = CBOR;
    private final List<List<Integer>> ids = new ArrayList<>();
    private final List<List<Integer>> times = new ArrayList<>();

    private ReadStub(int shards, double rate) {
        this.shards = shards;
        this.perShard = rate / shards;
        Instant at = Instant.parse("2000-01-01T00:00:00Z");
        for (int i = 0; i < 150; i++) {
            String text = "post on the headroom benchmark about #topic" + (i % 50) + " and #bench, with @user"
                    + (i % 37) + " https://example.org/" + i;
            Post post = Post.builder(PLATFORMS[i % 3], ID_MARK).url("https://example.org/" + i)
                    .author(new Post.Author("a" + i, "author" + i, null, null, null)).text(text).lang("en")
                    .createdAt(at).entitiesOf(text).match(new Post.Match("bench", List.of("#bench")))
                    .fetchedAt(at).build();
            byte[] bytes = PostCodec.encode(Sentiment.scored(post)); // scored where collected, as sources do
            templates.add(bytes);
            ids.add(places(bytes, ID_MARK.getBytes(StandardCharsets.US_ASCII)));
            times.add(places(bytes, "2000-01-01T00:00:00Z".getBytes(StandardCharsets.US_ASCII)));
        }
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setHttp2ClearTextEnabled(true));
        server.requestHandler(this::handle);
    }

    static ReadStub start(int shards, double rate) throws Exception {
        ReadStub stub = new ReadStub(shards, rate);
        stub.server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return stub;
    }

    int port() {
        return server.actualPort();
    }

    /** The lines the stub serves, for the peers' runs over the same bytes. */
    List<byte[]> sample(int n) {
        List<byte[]> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lines.add(post(i % shards, i / shards, Instant.now()));
        }
        return lines;
    }

    private void handle(HttpServerRequest request) {
        String target = request.getHeader("X-Amz-Target");
        String action = target == null ? "" : target.substring(target.indexOf('.') + 1);
        request.body().onSuccess(body -> {
            try {
                if ("SubscribeToShard".equals(action)) {
                    subscribe(request, body.getBytes());
                    return;
                }
                boolean cbor = String.valueOf(request.getHeader("Content-Type")).contains("cbor");
                answering = cbor ? CBOR : JSON_TREE.getFactory();
                byte[] answer = switch (action) {
                    case "ListShards" -> listShards();
                    case "GetShardIterator" -> shardIterator(body.getBytes());
                    case "GetRecords" -> records(body.getBytes());
                    case "DescribeStreamSummary" -> streamSummary();
                    case "RegisterStreamConsumer" -> consumer("Consumer");
                    case "DescribeStreamConsumer" -> consumer("ConsumerDescription");
                    case "DeregisterStreamConsumer" -> document(g -> {
                    });
                    default -> null;
                };
                if (answer == null) {
                    request.response().setStatusCode(400).putHeader("Content-Type", "application/x-amz-json-1.1")
                            .end("{\"__type\":\"UnknownOperationException\"}");
                } else {
                    request.response().putHeader("Content-Type", cbor ? CBOR_TYPE : JSON_TYPE)
                            .end(Buffer.buffer(answer));
                }
            } catch (IOException e) {
                System.err.println("the stub could not answer " + action + ": " + e);
                request.response().setStatusCode(400).end();
            }
        });
    }

    /** The last sequence (by index) in a shard now: how many records the rate has put there, less one. */
    private long tip(long nowMillis) {
        return (long) ((nowMillis - startMillis) / 1000.0 * perShard) - 1;
    }

    private long arrivalMillis(long index) {
        return startMillis + (long) ((index + 1) / perShard * 1000);
    }

    private byte[] shardIterator(byte[] body) throws IOException {
        String shard = null;
        String type = null;
        String sequence = null;
        try (JsonParser parser = answering.createParser(body)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    switch (field) {
                        case "ShardId" -> shard = parser.getText();
                        case "ShardIteratorType" -> type = parser.getText();
                        case "StartingSequenceNumber" -> sequence = parser.getText();
                        default -> parser.skipChildren();
                    }
                }
            }
        }
        int index = Integer.parseInt(shard.substring(shard.lastIndexOf('-') + 1));
        long next = start(type, sequence);
        return document(g -> g.writeStringField("ShardIterator", index + ":" + next));
    }

    private byte[] records(byte[] body) throws IOException {
        String iterator = null;
        int limit = 10_000;
        try (JsonParser parser = answering.createParser(body)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if ("ShardIterator".equals(field)) {
                        iterator = parser.getText();
                    } else if ("Limit".equals(field)) {
                        limit = parser.getIntValue();
                    }
                }
            }
        }
        int shard = Integer.parseInt(iterator.substring(0, iterator.indexOf(':')));
        long from = Long.parseLong(iterator.substring(iterator.indexOf(':') + 1));
        long now = System.currentTimeMillis();
        long to = Math.min(tip(now), from + limit - 1);
        Instant served = Instant.ofEpochMilli(now);
        calls.increment();
        long last = to;
        return document(g -> {
            writeRecords(g, shard, from, last, served);
            g.writeStringField("NextShardIterator", shard + ":" + (last + 1));
            long behind = last < from ? 0 : Math.max(0, now - arrivalMillis(last));
            g.writeNumberField("MillisBehindLatest", tip(now) > last ? behind : 0);
            this.served.add(Math.max(0, last - from + 1));
        });
    }

    private void writeRecords(JsonGenerator g, int shard, long from, long last, Instant served) throws IOException {
        g.writeArrayFieldStart("Records");
        for (long i = from; i <= last; i++) {
            g.writeStartObject();
            g.writeStringField("SequenceNumber", Long.toString(FIRST + i));
            g.writeNumberField("ApproximateArrivalTimestamp", arrivalMillis(i) / 1000.0);
            byte[] data = post(shard, i, served);
            g.writeFieldName("Data");
            g.writeBinary(data);
            g.writeStringField("PartitionKey", shard + "-" + i);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * SubscribeToShard: an event stream that pushes the shard's records from the asked position as
     * the rate puts them there, up to {@link #EVENT_RECORDS} an event, as fast as the client takes
     * them (HTTP/2 flow control), with an empty event each second while there is nothing new.
     */
    private void subscribe(HttpServerRequest request, byte[] body) throws IOException {
        // The SDK asks for an event stream in JSON, whatever it speaks otherwise.
        boolean cbor = String.valueOf(request.getHeader("Content-Type")).contains("cbor");
        JsonNode asked = (cbor ? CBOR_TREE : JSON_TREE).readTree(body);
        String shardId = asked.path("ShardId").asText();
        int shard = Integer.parseInt(shardId.substring(shardId.lastIndexOf('-') + 1));
        JsonNode position = asked.path("StartingPosition");
        long[] next = {start(position.path("Type").asText(), position.path("SequenceNumber").asText(null))};
        HttpServerResponse response = request.response().putHeader("Content-Type", "application/vnd.amazon.eventstream")
                .setChunked(true);
        byte[] empty = cbor ? new byte[]{(byte) 0xa0} : new byte[]{'{', '}'}; // an empty map
        response.write(event("initial-response", empty, cbor));
        long[] lastEvent = {0};
        boolean[] closed = {false};
        response.closeHandler(v -> closed[0] = true);
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (!closed[0] && !response.writeQueueFull()) {
                long now = System.currentTimeMillis();
                long from = next[0];
                long last = Math.min(tip(now), from + EVENT_RECORDS - 1);
                if (last < from && now - lastEvent[0] < 1000) {
                    vertx.setTimer(100, t -> pump[0].run());
                    return;
                }
                Instant served = Instant.ofEpochMilli(now);
                byte[] payload;
                try {
                    payload = document(cbor ? CBOR : JSON_TREE.getFactory(), g -> {
                        writeRecords(g, shard, from, last, served);
                        g.writeStringField("ContinuationSequenceNumber", Long.toString(FIRST + Math.max(from, last + 1)
                                - 1));
                        g.writeNumberField("MillisBehindLatest",
                                tip(now) > last ? Math.max(0, now - arrivalMillis(last)) : 0);
                    });
                } catch (IOException e) {
                    response.reset();
                    return;
                }
                calls.increment();
                this.served.add(Math.max(0, last - from + 1));
                next[0] = Math.max(from, last + 1);
                lastEvent[0] = now;
                response.write(event("SubscribeToShardEvent", payload, cbor));
            }
            if (!closed[0]) {
                response.drainHandler(v -> pump[0].run());
            }
        };
        pump[0].run();
    }

    private long start(String type, String sequence) {
        return switch (type) {
            case "AFTER_SEQUENCE_NUMBER" -> Long.parseLong(sequence) - FIRST + 1;
            case "AT_SEQUENCE_NUMBER" -> Long.parseLong(sequence) - FIRST;
            case "LATEST" -> tip(System.currentTimeMillis()) + 1;
            default -> 0;
        };
    }

    private static Buffer event(String type, byte[] payload, boolean cbor) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString(cbor ? CBOR_TYPE : JSON_TYPE));
        ByteBuffer encoded = new Message(headers, payload).toByteBuffer();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return Buffer.buffer(bytes);
    }

    /** The consumer the service registers: one, always ACTIVE, under whatever name it asks for. */
    private byte[] consumer(String field) throws IOException {
        return document(g -> {
            g.writeObjectFieldStart(field);
            g.writeStringField("ConsumerName", "bench");
            g.writeStringField("ConsumerARN", STREAM_ARN + "/consumer/bench:1");
            g.writeStringField("ConsumerStatus", "ACTIVE");
            g.writeNumberField("ConsumerCreationTimestamp", startMillis / 1000.0);
            g.writeStringField("StreamARN", STREAM_ARN);
            g.writeEndObject();
        });
    }

    private byte[] streamSummary() throws IOException {
        return document(g -> {
            g.writeObjectFieldStart("StreamDescriptionSummary");
            g.writeStringField("StreamName", "bench");
            g.writeStringField("StreamARN", STREAM_ARN);
            g.writeStringField("StreamStatus", "ACTIVE");
            g.writeNumberField("RetentionPeriodHours", 24);
            g.writeNumberField("StreamCreationTimestamp", startMillis / 1000.0);
            g.writeArrayFieldStart("EnhancedMonitoring");
            g.writeEndArray();
            g.writeNumberField("OpenShardCount", shards);
            g.writeEndObject();
        });
    }

    /** Post {@code index} of {@code shard}: a template with its id and the second it is served in. */
    private byte[] post(int shard, long index, Instant at) {
        int t = (int) ((index * 31 + shard) % templates.size());
        byte[] bytes = templates.get(t).clone();
        byte[] id = String.format("%04d%08d", shard, index % 100_000_000).getBytes(StandardCharsets.US_ASCII);
        for (int place : ids.get(t)) {
            System.arraycopy(id, 0, bytes, place, id.length);
        }
        byte[] time = at.truncatedTo(ChronoUnit.SECONDS).toString().getBytes(StandardCharsets.US_ASCII);
        for (int place : times.get(t)) {
            System.arraycopy(time, 0, bytes, place, time.length);
        }
        return bytes;
    }

    private byte[] listShards() throws IOException {
        BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(shards));
        return document(g -> {
            g.writeArrayFieldStart("Shards");
            for (int i = 0; i < shards; i++) {
                BigInteger start = width.multiply(BigInteger.valueOf(i));
                g.writeStartObject();
                g.writeStringField("ShardId", String.format("shardId-%012d", i));
                g.writeObjectFieldStart("HashKeyRange");
                g.writeStringField("StartingHashKey", start.toString());
                g.writeStringField("EndingHashKey", start.add(width).subtract(BigInteger.ONE).toString());
                g.writeEndObject();
                g.writeObjectFieldStart("SequenceNumberRange");
                g.writeStringField("StartingSequenceNumber", Long.toString(FIRST));
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private interface Fields {
        void write(JsonGenerator generator) throws IOException;
    }

    private byte[] document(Fields fields) throws IOException {
        return document(answering, fields);
    }

    private static byte[] document(JsonFactory format, Fields fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator generator = format.createGenerator(out)) {
            generator.writeStartObject();
            fields.write(generator);
            generator.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Where {@code part} stands in {@code bytes}, every place. */
    private static List<Integer> places(byte[] bytes, byte[] part) {
        List<Integer> found = new ArrayList<>();
        outer : for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            found.add(i);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no " + new String(part, StandardCharsets.US_ASCII) + " in the template");
        }
        return found;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
