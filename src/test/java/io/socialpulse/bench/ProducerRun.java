package io.socialpulse.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.stream.IntStream;

import org.jboss.logmanager.LogContext;

import io.socialpulse.post.Entities;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.stream.Backoff;
import io.socialpulse.stream.publish.KinesisPublisher;
import io.socialpulse.stream.publish.PublisherSettings;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * One producer in a process of its own, sending the same posts to {@link KinesisStub}: this
 * service's publisher (plain or aggregated), a naive one-PutRecord-per-post loop, or blocking
 * batches of 500 resent after a fixed sleep (how Debezium's Kinesis sink sends). The first fifth
 * of the posts is sent untimed, to warm up; then prints one line for the rest:
 * {@code RESULT posts seconds cpuSeconds peakRssBytes jitSeconds}, CPU and memory of this process and
 * its children, and the CPU of its JIT compiler threads (part of cpuSeconds).
 * Arguments: producer, body bytes, posts, endpoint port.
 */
public final class ProducerRun {

    static final String STREAM = "bench";
    /** The first fifth of the posts warms the producer up and is not measured. */
    static final int WARM_UP_SHARE = 5;

    public static void main(String[] args) throws Exception {
        quietLogs();
        String producer = args[0];
        List<Post> posts = posts(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        URI endpoint = URI.create("http://127.0.0.1:" + args[3]);
        int warmUp = posts.size() / WARM_UP_SHARE;
        try (KinesisAsyncClient client = client(endpoint)) {
            send(producer, client, posts.subList(0, warmUp)); // untimed: the JIT compiles the hot paths
            Meter meter = Meter.start();
            send(producer, client, posts.subList(warmUp, posts.size()));
            meter.report(posts.size() - warmUp);
        }
        System.exit(0);
    }

    /**
     * INFO, as the service logs: with no configuration the SDK's and Netty's loggers run at DEBUG
     * and format (and hex-dump) every HTTP/2 frame before dropping the message.
     */
    static void quietLogs() {
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
    }

    private static void send(String producer, KinesisAsyncClient client, List<Post> posts) throws Exception {
        switch (producer) {
            case "publisher" -> publisher(client, posts, false);
            case "publisher-aggregated" -> publisher(client, posts, true);
            case "naive" -> naive(client, posts);
            case "batches-500" -> batches(client, posts);
            default -> throw new IllegalArgumentException(producer);
        }
    }

    /**
     * Posts whose encoded form is about {@code bodyBytes} long, each with its own id and a few tags,
     * made as they are asked for: a producer's memory holds what it buffers, not the whole run.
     */
    static List<Post> posts(int bodyBytes, int count) {
        Instant base = Instant.parse("2026-11-20T09:30:00Z");
        StringBuilder text = new StringBuilder();
        while (text.length() < bodyBytes * 2) {
            text.append("what a day for the launch, everyone is talking about it ");
        }
        int room = Math.max(0, bodyBytes - PostCodec.encode(post(count - 1, head(count - 1), base)).length);
        String filler = text.substring(0, room);
        return new AbstractList<>() {
            @Override
            public Post get(int i) {
                return post(i, head(i) + filler, base);
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    /** The hashtags of each post's head (the filler has none), found once: making posts is not the producer's work. */
    private static final List<List<String>> TAGS = IntStream.range(0, 97)
            .mapToObj(i -> Entities.hashtags(head(i))).toList();

    private static String head(int i) {
        return "post " + i + " #tag" + (i % 97) + " #launch ";
    }

    private static Post post(int i, String text, Instant base) {
        String nativeId = "bench-" + i;
        return Post.builder("mastodon", nativeId)
                .author(new Post.Author("a" + i % 5000, null, null, null, null))
                .text(text)
                .lang("en")
                .createdAt(base.plusMillis(i))
                .hashtags(TAGS.get(i % TAGS.size()))
                .match(new Post.Match("bench", List.of()))
                .build();
    }

    static KinesisAsyncClient client(URI endpoint) {
        return KinesisAsyncClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP2).maxConcurrency(64))
                .build();
    }

    /** The service's publisher with its default settings, fed pages of 100 posts as a source would. */
    private static void publisher(KinesisAsyncClient client, List<Post> posts, boolean aggregate) throws Exception {
        PublisherSettings settings = new PublisherSettings(STREAM, 10_000, 32L << 20, Duration.ofMillis(200), 4,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10))).withAggregation(aggregate);
        KinesisPublisher publisher = new KinesisPublisher(client, settings, (origin, name, data, reason) -> {
            throw new IllegalStateException("dead letter in a benchmark: " + reason);
        });
        // At most 10,000 posts outstanding (100 pages), as the KPL run allows itself.
        Semaphore pages = new Semaphore(100);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int from = 0; from < posts.size(); from += 100) {
            pages.acquire();
            sent.add(publisher.publish(List.copyOf(posts.subList(from, Math.min(posts.size(), from + 100))))
                    .subscribeAsCompletionStage().whenComplete((ok, failure) -> pages.release()));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        publisher.close(Duration.ofSeconds(10));
    }

    private static void naive(KinesisAsyncClient client, List<Post> posts) {
        for (Post post : posts) {
            client.putRecord(r -> r.streamName(STREAM).partitionKey(post.id())
                    .data(SdkBytes.fromByteArrayUnsafe(PostCodec.encode(post)))).join();
        }
    }

    private static void batches(KinesisAsyncClient client, List<Post> posts) throws InterruptedException {
        for (int from = 0; from < posts.size(); from += 500) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>(500);
            for (Post post : posts.subList(from, Math.min(posts.size(), from + 500))) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(post.id())
                        .data(SdkBytes.fromByteArrayUnsafe(PostCodec.encode(post))).build());
            }
            for (int attempt = 0; !entries.isEmpty() && attempt < 5; attempt++) {
                List<PutRecordsRequestEntry> batch = entries;
                PutRecordsResponse response = client.putRecords(r -> r.streamName(STREAM).records(batch)).join();
                entries = new ArrayList<>();
                List<PutRecordsResultEntry> results = response.records();
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).errorCode() != null) {
                        entries.add(batch.get(i));
                    }
                }
                if (!entries.isEmpty()) {
                    Thread.sleep(1000);
                }
            }
        }
    }

    /** CPU time and peak resident memory of this process and its child processes, from /proc. */
    static final class Meter {
        private final long startNanos;
        private final long startCpu;

        private final Map<String, Long> startThreads;

        private Meter(long startNanos, long startCpu, Map<String, Long> startThreads) {
            this.startNanos = startNanos;
            this.startCpu = startCpu;
            this.startThreads = startThreads;
        }

        static Meter start() {
            return new Meter(System.nanoTime(), cpuTicks(), threadTicks());
        }

        void report(int posts) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double cpu = (cpuTicks() - startCpu) / 100.0;
            Map<String, Long> end = threadTicks();
            long jit = 0;
            for (Map.Entry<String, Long> e : end.entrySet()) {
                long used = e.getValue() - startThreads.getOrDefault(e.getKey(), 0L);
                if (e.getKey().contains("CompilerThre")) {
                    jit += used;
                }
                if (Boolean.getBoolean("bench.threads") && used > 0) {
                    // Where this process's CPU went, by thread name with digits folded.
                    System.err.printf("THREADS %-24s %.2f s%n", e.getKey(), used / 100.0);
                }
            }
            System.out.printf("RESULT %d %.3f %.2f %d %.2f%n", posts, seconds, cpu, peakRss(), jit / 100.0);
            System.out.flush();
        }

        /** CPU clock ticks of this process's threads, summed by name with digits folded. */
        static Map<String, Long> threadTicks() {
            Map<String, Long> byName = new TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    String stat = read(task.resolve("stat"));
                    if (!stat.isEmpty()) {
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+",
                                "#");
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        byName.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                    }
                }
            } catch (IOException e) {
                return byName;
            }
            return byName;
        }

        private static List<Long> pids() {
            List<Long> pids = new ArrayList<>();
            pids.add(ProcessHandle.current().pid());
            ProcessHandle.current().descendants().forEach(p -> pids.add(p.pid()));
            return pids;
        }

        static long cpuTicks() {
            long ticks = 0;
            for (long pid : pids()) {
                String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
                if (!stat.isEmpty()) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
            return ticks;
        }

        static long peakRss() {
            long bytes = 0;
            for (long pid : pids()) {
                for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
                    if (line.startsWith("VmHWM:")) {
                        bytes += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            }
            return bytes;
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                return ""; // the process ended in between
            }
        }
    }
}
