package io.socialpulse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Kinesis emulator (kinesis-local, on Node) and the S3 emulator (S3Mock), started once per test
 * JVM on free 127.0.0.1 ports and stopped when it exits. Every test gets its own stream and bucket.
 */
public final class Emulators {

    public static final String ACCESS_KEY = "000000000000";
    public static final String SECRET_KEY = "not-a-secret";
    public static final Region REGION = Region.US_EAST_1;

    private static Emulators instance;

    private final Path root;
    private final Process kinesis;
    private final Process s3;
    private final int kinesisPort;
    private final int s3Port;

    private Emulators(Path root) throws IOException {
        this.root = root;
        Path work = Files.createDirectories(root.resolve("target/emulators"));
        kinesisPort = freePort();
        s3Port = freePort();
        Path node = root.resolve("emulators/node_modules/kinesis-local");
        ProcessBuilder k = new ProcessBuilder("node", "-r", root.resolve("emulators/loopback.js").toString(), "main.js")
                .directory(node.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("kinesis-" + kinesisPort + ".log").toFile());
        k.environment().put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(kinesisPort));
        k.environment().put("KINESIS_MOCK_TLS_PORT", Integer.toString(freePort()));
        k.environment().put("LOG_LEVEL", "WARN");
        // Every test makes streams of its own and none is deleted: the default limit of 50 open
        // shards is reached within one run of the suite.
        k.environment().put("SHARD_LIMIT", "10000");
        kinesis = k.start();
        Path store = Files.createDirectories(work.resolve("s3-" + s3Port));
        List<String> s3Command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dloader.path=" + root.resolve("emulators/lib/s3mock-loopback.jar"),
                "-Dloader.main=com.adobe.testing.s3mock.S3MockApplication",
                "-cp", root.resolve("emulators/lib/s3mock-exec.jar").toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--server.address=127.0.0.1", "--server.port=" + freePort(), "--http.port=" + s3Port,
                "--com.adobe.testing.s3mock.store.root=" + store, "--logging.level.root=WARN"));
        s3 = new ProcessBuilder(s3Command).redirectErrorStream(true)
                .redirectOutput(work.resolve("s3-" + s3Port + ".log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        awaitPort(kinesisPort, kinesis, "Kinesis emulator");
        awaitPort(s3Port, s3, "S3 emulator");
    }

    public static synchronized Emulators get() {
        if (instance == null) {
            try {
                instance = new Emulators(projectRoot());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public URI kinesisEndpoint() {
        return URI.create("http://127.0.0.1:" + kinesisPort);
    }

    public URI s3Endpoint() {
        return URI.create("http://127.0.0.1:" + s3Port);
    }

    public int kinesisPort() {
        return kinesisPort;
    }

    public KinesisClient kinesis() {
        return KinesisClient.builder().region(REGION).endpointOverride(kinesisEndpoint())
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public S3Client s3() {
        return S3Client.builder().region(REGION).endpointOverride(s3Endpoint()).forcePathStyle(true)
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public S3AsyncClient s3Async() {
        return S3AsyncClient.builder().region(REGION).credentialsProvider(credentials()).endpointOverride(s3Endpoint())
                .forcePathStyle(true).build();
    }

    /**
     * An async Kinesis client for {@code endpoint} (the emulator, or WireMock in front of it) over
     * HTTP/1.1, with the SDK's own retries off so the publisher's retries are what a test sees.
     */
    public static KinesisAsyncClient kinesisAsync(URI endpoint) {
        return KinesisAsyncClient.builder().region(REGION).credentialsProvider(credentials()).endpointOverride(endpoint)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)
                        .readTimeout(Duration.ofSeconds(120)))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    /** An HTTP/2 (h2c) client, as enhanced fan-out's SubscribeToShard needs. */
    public static KinesisAsyncClient kinesisAsyncHttp2(URI endpoint) {
        return KinesisAsyncClient.builder().region(REGION).credentialsProvider(credentials()).endpointOverride(endpoint)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)
                        .readTimeout(Duration.ofSeconds(120)))
                // a deadline for ordinary calls, as the service sets one, far shorter than a subscription
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))
                        .apiCallAttemptTimeout(Duration.ofSeconds(3)))
                .build();
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** Creates a stream with a fresh name and waits until it is active. */
    public String createStream(String prefix, int shards) {
        String name = prefix + "-" + System.nanoTime();
        try (KinesisClient client = kinesis()) {
            try {
                client.createStream(r -> r.streamName(name).shardCount(shards));
            } catch (ResourceInUseException retried) {
                // the name is new, so this is the SDK's retry of a create whose answer was lost
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (client.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary()
                    .streamStatus() != StreamStatus.ACTIVE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("stream " + name + " did not become active");
                }
                sleep(Duration.ofMillis(100));
            }
        }
        return name;
    }

    public String createBucket(String prefix) {
        String name = prefix + "-" + System.nanoTime();
        try (S3Client client = s3()) {
            client.createBucket(r -> r.bucket(name));
        }
        return name;
    }

    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("emulators/loopback.js"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the project root (emulators/loopback.js)");
        }
        return dir;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitPort(int port, Process process, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited at start; see target/emulators");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException(what + " did not open port " + port + " within 60 s");
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        for (Process p : List.of(kinesis, s3)) {
            p.destroy();
        }
        for (Process p : List.of(kinesis, s3)) {
            try {
                // The Kinesis emulator sometimes ignores SIGTERM after HTTP/2 traffic.
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }
}
