package io.socialpulse.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.JksOptions;

/**
 * A Kinesis endpoint that accepts every record at once, for measuring producers rather than an
 * emulator. It speaks the CBOR protocol (the Java SDK's default for Kinesis) and the JSON one (the
 * KPL's) on two loopback ports, cleartext (HTTP/1.1 and h2c) and
 * TLS (for the KPL's daemon, which also asks STS who it is here), announces {@value #SHARDS} shards with even hash ranges, places
 * each record on the shard its partition key (or explicit hash key) falls in, and counts the
 * records and the bytes that count against a shard's write limits (data plus partition key).
 */
final class KinesisStub implements AutoCloseable {

    static final int SHARDS = 256;
    private static final JsonFactory JSON = new JsonFactory();
    private static final CBORFactory CBOR = new CBORFactory();
    private static final String CBOR_TYPE = "application/x-amz-cbor-1.1";
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** STS GetCallerIdentity, which the KPL's daemon asks for at start. */
    private static final String CALLER = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:user/bench</Arn><UserId>AIDABENCH</UserId>"
            + "<Account>000000000000</Account></GetCallerIdentityResult>"
            + "<ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

    final LongAdder records = new LongAdder();
    final LongAdder bytes = new LongAdder();
    private final LongAdder sequence = new LongAdder();
    private final Vertx vertx;
    private final HttpServer plain;
    private final HttpServer tls;

    private KinesisStub(Vertx vertx, HttpServer plain, HttpServer tls) {
        this.vertx = vertx;
        this.plain = plain;
        this.tls = tls;
    }

    /** Starts on two free loopback ports; {@code keystore} is a JKS file for the TLS port. */
    static KinesisStub start(String keystore, String password) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpServer plain = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setHttp2ClearTextEnabled(true));
        HttpServer tls = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setSsl(true).setKeyCertOptions(new JksOptions().setPath(keystore).setPassword(password)));
        KinesisStub stub = new KinesisStub(vertx, plain, tls);
        plain.requestHandler(stub::handle);
        tls.requestHandler(stub::handle);
        plain.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        tls.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return stub;
    }

    int plainPort() {
        return plain.actualPort();
    }

    int tlsPort() {
        return tls.actualPort();
    }

    void reset() {
        records.reset();
        bytes.reset();
    }

    private void handle(HttpServerRequest request) {
        String target = request.getHeader("X-Amz-Target");
        JsonFactory format = CBOR_TYPE.equals(request.getHeader("Content-Type")) ? CBOR : JSON;
        request.body().onSuccess(body -> {
            String action = target == null ? "" : target.substring(target.indexOf('.') + 1);
            String answer;
            try {
                answer = switch (action) {
                    case "PutRecords" -> putRecords(body, format);
                    case "PutRecord" -> putRecord(body, format);
                    case "ListShards" -> listShards();
                    case "DescribeStreamSummary" -> describeStreamSummary();
                    case "" -> body.toString().contains("Action=GetCallerIdentity") ? CALLER : null;
                    default -> null;
                };
            } catch (IOException e) {
                request.response().setStatusCode(400).end();
                return;
            }
            if (answer == null) {
                System.err.println("kinesis stub: no answer for '" + target + "'");
                request.response().setStatusCode(400).putHeader("Content-Type", "application/x-amz-json-1.1")
                        .end("{\"__type\":\"UnknownOperationException\"}");
                return;
            }
            if (answer == CALLER) {
                request.response().putHeader("Content-Type", "text/xml").end(answer);
            } else if (format == CBOR) {
                request.response().putHeader("Content-Type", CBOR_TYPE).end(cbor(answer));
            } else {
                request.response().putHeader("Content-Type", "application/x-amz-json-1.1").end(answer);
            }
        });
    }

    /** The same document in CBOR. */
    private static Buffer cbor(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length());
        try (JsonParser parser = JSON.createParser(json); JsonGenerator generator = CBOR.createGenerator(out)) {
            parser.nextToken();
            generator.copyCurrentStructure(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }

    private String putRecords(Buffer body, JsonFactory format) throws IOException {
        StringBuilder out = new StringBuilder(64 * 1024).append("{\"FailedRecordCount\":0,\"Records\":[");
        try (JsonParser parser = format.createParser(body.getBytes())) {
            boolean first = true;
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && "Records".equals(parser.currentName())) {
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        int shard = readRecord(parser);
                        out.append(first ? "" : ",");
                        appendResult(out, shard);
                        first = false;
                    }
                }
            }
        }
        return out.append("]}").toString();
    }

    private String putRecord(Buffer body, JsonFactory format) throws IOException {
        try (JsonParser parser = format.createParser(body.getBytes())) {
            parser.nextToken();
            StringBuilder out = new StringBuilder(96);
            appendResult(out, readRecord(parser));
            return out.toString();
        }
    }

    /** Reads one record object (the parser on its START_OBJECT), counts it and returns its shard. */
    private int readRecord(JsonParser parser) throws IOException {
        String key = null;
        String explicitHash = null;
        long size = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "Data" -> size += parser.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT
                        ? parser.getBinaryValue().length
                        : base64Length(parser.getTextLength(), parser.getTextCharacters(), parser.getTextOffset());
                case "PartitionKey" -> key = parser.getText();
                case "ExplicitHashKey" -> explicitHash = parser.getText();
                default -> parser.skipChildren();
            }
        }
        size += key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length;
        records.increment();
        bytes.add(size);
        if (explicitHash != null) {
            return new BigInteger(explicitHash).shiftRight(120).intValue();
        }
        byte[] digest = MD5.get().digest(key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8));
        return digest[0] & 0xff;
    }

    private static long base64Length(int length, char[] text, int offset) {
        int padding = 0;
        for (int i = offset + length - 1; i >= offset && text[i] == '='; i--) {
            padding++;
        }
        return length / 4L * 3 - padding;
    }

    private void appendResult(StringBuilder out, int shard) {
        sequence.increment();
        out.append("{\"SequenceNumber\":\"").append(49_000_000_000L + sequence.sum()).append("\",\"ShardId\":\"")
                .append(shardId(shard)).append("\"}");
    }

    private static String shardId(int index) {
        return String.format("shardId-%012d", index);
    }

    private static String listShards() {
        StringBuilder out = new StringBuilder("{\"Shards\":[");
        BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(SHARDS));
        for (int i = 0; i < SHARDS; i++) {
            BigInteger start = width.multiply(BigInteger.valueOf(i));
            BigInteger end = start.add(width).subtract(BigInteger.ONE);
            out.append(i == 0 ? "" : ",").append("{\"ShardId\":\"").append(shardId(i))
                    .append("\",\"HashKeyRange\":{\"StartingHashKey\":\"").append(start)
                    .append("\",\"EndingHashKey\":\"").append(end)
                    .append("\"},\"SequenceNumberRange\":{\"StartingSequenceNumber\":\"49000000000\"}}");
        }
        return out.append("]}").toString();
    }

    private static String describeStreamSummary() {
        return "{\"StreamDescriptionSummary\":{\"StreamName\":\"bench\",\"StreamARN\":"
                + "\"arn:aws:kinesis:us-east-1:000000000000:stream/bench\",\"StreamStatus\":\"ACTIVE\","
                + "\"RetentionPeriodHours\":24,\"StreamCreationTimestamp\":1.7E9,\"EnhancedMonitoring\":[],"
                + "\"EncryptionType\":\"NONE\",\"OpenShardCount\":" + SHARDS + ",\"ConsumerCount\":0}}";
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("stub did not stop", e));
        }
    }
}
