package io.socialpulse.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.sentiment.Sentiment;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * A Kinesis stream in memory for the reading side: {@code shards} shards filled at {@code rate}
 * posts a second between them since the start, served through ListShards, GetShardIterator and
 * GetRecords in the CBOR protocol over h2c, as the service's client speaks it. A record's arrival
 * time is when the rate put it there, so MillisBehindLatest is true. Posts are made from templates
 * (50 topics, 5,000 authors) with a unique id and the second they are served in patched in, so
 * that the stub costs little of the machine and the service's dedup and repeat checks see every
 * post as new.
 */
final class ReadStub implements AutoCloseable {

    private static final CBORFactory CBOR = new CBORFactory();
    private static final String CBOR_TYPE = "application/x-amz-cbor-1.1";
    private static final long FIRST = 1_000_000_000_000L;
    private static final String ID_MARK = "000000000000";
    private static final String[] PLATFORMS = {"x", "bluesky", "mastodon"};

    final LongAdder served = new LongAdder();
    final LongAdder calls = new LongAdder();
    private final Vertx vertx;
    private final HttpServer server;
    private final int shards;
    private final double perShard;
    private final long startMillis = System.currentTimeMillis();
    private final List<byte[]> templates = new ArrayList<>();
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
                byte[] answer = switch (action) {
                    case "ListShards" -> listShards();
                    case "GetShardIterator" -> shardIterator(body.getBytes());
                    case "GetRecords" -> records(body.getBytes());
                    default -> null;
                };
                if (answer == null) {
                    request.response().setStatusCode(400).putHeader("Content-Type", "application/x-amz-json-1.1")
                            .end("{\"__type\":\"UnknownOperationException\"}");
                } else {
                    request.response().putHeader("Content-Type", CBOR_TYPE).end(Buffer.buffer(answer));
                }
            } catch (IOException e) {
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
        try (JsonParser parser = CBOR.createParser(body)) {
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
        long next = switch (type) {
            case "AFTER_SEQUENCE_NUMBER" -> Long.parseLong(sequence) - FIRST + 1;
            case "AT_SEQUENCE_NUMBER" -> Long.parseLong(sequence) - FIRST;
            case "LATEST" -> tip(System.currentTimeMillis()) + 1;
            default -> 0;
        };
        return document(g -> g.writeStringField("ShardIterator", index + ":" + next));
    }

    private byte[] records(byte[] body) throws IOException {
        String iterator = null;
        int limit = 10_000;
        try (JsonParser parser = CBOR.createParser(body)) {
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
            g.writeStringField("NextShardIterator", shard + ":" + (last + 1));
            long behind = last < from ? 0 : Math.max(0, now - arrivalMillis(last));
            g.writeNumberField("MillisBehindLatest", tip(now) > last ? behind : 0);
            this.served.add(Math.max(0, last - from + 1));
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

    private static byte[] document(Fields fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator generator = CBOR.createGenerator(out)) {
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
