package io.socialpulse.stream.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.socialpulse.lake.S3DeadLetters;
import io.socialpulse.post.Post;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.Backoff;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Eventually;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * A full buffer against the real Kinesis emulator: once posts wait for room, the publisher sends
 * what it holds without lingering, since nothing more can arrive to fill a request. With
 * aggregation a request fills on bytes only, and a buffer smaller than a request never fills one.
 */
class PublisherBufferTest {

    @Test
    void aFullBufferIsSentWithoutWaitingOutTheLinger() throws Exception {
        publishInPagesOf100(1000);
    }

    @Test
    void aPageThatFillsTheBufferExactlyIsSentAtOnceToo() throws Exception {
        publishInPagesOf100(100); // nobody waits for room, yet nothing more fits
    }

    private static void publishInPagesOf100(int count) throws Exception {
        Emulators emulators = Emulators.get();
        String stream = emulators.createStream("full-buffer", 2);
        List<Post> posts = TestPosts.make(stream, count, "buffer");
        try (KinesisAsyncClient client = Emulators.kinesisAsync(emulators.kinesisEndpoint());
                S3AsyncClient s3 = emulators.s3Async()) {
            // Room for 100 posts (some 40 KB, far from a 5 MiB request) and a linger of a minute: each
            // refill would wait the minute out if a full buffer did not send at once.
            PublisherSettings settings = new PublisherSettings(stream, 100, 64L << 20, Duration.ofMinutes(1), 4,
                    new Backoff(Duration.ofMillis(50), Duration.ofMillis(400))).withAggregation(true);
            KinesisPublisher publisher = new KinesisPublisher(client, settings,
                    new S3DeadLetters(new ObjectStore(s3, emulators.createBucket("full-buffer")), "lake"));
            List<CompletableFuture<Void>> pages = new ArrayList<>();
            for (int from = 0; from < posts.size(); from += 100) {
                pages.add(publisher.publish(posts.subList(from, from + 100)).subscribeAsCompletionStage());
            }
            // Every post that found the buffer full goes at once; only the last admitted ones may
            // linger (nothing more comes after them), up to the stop, which sends without lingering.
            long due = count == 100 ? count : count - 100;
            long put = Eventually.get(Duration.ofSeconds(45),
                    () -> publisher.stats().recordsPut(), n -> n >= due);
            assertTrue(put >= due, put + " of " + count + " posts put within 45 s, with a linger of a minute");
            assertTrue(count == 100 || publisher.stats().bufferFullWaits() > 0, "the buffer was full at times");
            assertEquals(0, publisher.close(Duration.ofSeconds(10)));
            assertEquals(posts.size(), publisher.stats().recordsPut());
            CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
        }
    }
}
