package io.socialpulse.source.kit;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.socialpulse.lake.S3DeadLetters;
import io.socialpulse.source.Page;
import io.socialpulse.source.Source;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.MovableClock;

import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A platform connector's surroundings in a test: WireMock on loopback as the platform, cursors and
 * quarantined pages in a fresh bucket of the S3 emulator, and a clock the test moves by hand.
 */
public final class PlatformKit implements AutoCloseable, AfterEachCallback {

    public final WireMockServer platform;
    public final MovableClock clock = new MovableClock(Instant.parse("2026-05-01T10:20:00Z"));
    public final String bucket;
    public final S3Client s3;
    /**
     * One client for every kit of the run: closing a Netty-based client waits out its event loops'
     * two-second quiet period, which every test paid at its end.
     */
    private static volatile S3AsyncClient shared;
    private final S3AsyncClient s3Async;
    private final ObjectStore store;

    public PlatformKit() {
        Emulators emulators = Emulators.get();
        platform = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        platform.start();
        bucket = emulators.createBucket("sources");
        s3 = emulators.s3();
        s3Async = sharedClient(emulators);
        store = new ObjectStore(s3Async, bucket);
    }

    private static synchronized S3AsyncClient sharedClient(Emulators emulators) {
        if (shared == null) {
            shared = S3AsyncClient.builder().region(Emulators.REGION).credentialsProvider(Emulators.credentials())
                    .endpointOverride(emulators.s3Endpoint()).forcePathStyle(true).build();
        }
        return shared;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + platform.port();
    }

    /** A fresh context: new governor (a restarted process), the same cursor store and quarantine. */
    public PlatformContext context() {
        return context(Duration.ofSeconds(5));
    }

    /** {@link #context()} with another {@code SOURCES_TIMEOUT}. */
    public PlatformContext context(Duration timeout) {
        return new PlatformContext(new PlatformHttp(timeout, 1 << 20),
                new RateGovernor(clock, Duration.ofHours(1)), new S3CursorStore(store, "lake"),
                new S3DeadLetters(store, "lake"), 1000);
    }

    /** Watches {@code source} with a status, as the runner does. */
    public static SourceStatus watch(Source source) {
        SourceStatus status = new SourceStatus(source.id(), source.platform());
        source.watch(status);
        return status;
    }

    public static Page poll(Source source) {
        return source.poll().await().atMost(Duration.ofSeconds(20));
    }

    /** A poll whose page Kinesis "accepted": the cursor is committed. */
    public static Page pollAndCommit(Source source) {
        Page page = poll(source);
        source.commit(page).await().atMost(Duration.ofSeconds(20));
        return page;
    }

    public List<String> quarantined() {
        return Lake.keys(s3, bucket, "lake/dead-letter/pages/");
    }

    public String storedCursor(Source source) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key("lake/_cursors/sources/" + source.id() + ".json"))
                .asUtf8String();
    }

    /** A fixture from {@code src/test/resources/fixtures/}, with {@code {{base}}} made this platform's URL. */
    public String fixture(String name) {
        try (InputStream in = PlatformKit.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{base}}", baseUrl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As a test's {@code @RegisterExtension} field: a kit per test, closed after it. */
    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        platform.stop();
        // The shared S3 client stays open for the next kit.
    }
}
