package io.socialpulse.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.zip.GZIPOutputStream;

import org.jboss.logmanager.LogContext;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.socialpulse.lake.WriterThroughput;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.stream.read.StreamRecord;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.ServiceProcess;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The lake writer end to end: the packaged service running only the lake role, with the default
 * roll settings (a roll at least every 60 s), reading a stream this benchmark fills at a steady
 * rate of posts whose event time is their arrival. For each rate it prints freshness (from the
 * PutRecords answer to the object being listable and readable in S3, p50/p99 over every post),
 * the compressed MB the service wrote per CPU second it used (reading, decoding, gzip, S3), and
 * objects per hour and mean object size. The peer row is gzip alone over the same lines in one
 * thread: the cost floor of the compression the lake cannot avoid. {@code -Dlake.seconds} (120)
 * sets the input time per rate, {@code -Dlake.shards} (8) the stream's shards. Run with
 * bin/bench-lake [rates...].
 */
public final class LakeBenchmark {

    public static void main(String[] args) throws Exception {
        // The writer runs in this JVM: no DEBUG logging (the SDK's Netty wire dumps) on its bill.
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
        int[] rates = args.length > 0
                ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[]{100, 2000};
        int seconds = Integer.getInteger("lake.seconds", 120);
        int shards = Integer.getInteger("lake.shards", 8);
        Emulators emulators = Emulators.get();
        System.out.printf("Freshness: %d s of input per rate into %d shards, the lake role alone with the default"
                + " roll settings (LAKE_ROLL_AGE 60s, LAKE_ROLL_BYTES 32 MiB); 2 cores shared with both emulators and"
                + " this client.%n%n", seconds, shards);
        System.out.println(
                "| input asked | input reached | posts put | posts in S3 | freshness p50 | freshness p99 | objects per hour"
                        + " | mean object | service CPU |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int rate : rates) {
            if (rate <= 0) {
                continue; // "0": the writer's capacity only
            }
            String stream = emulators.createStream("bench-lake", shards);
            String bucket = emulators.createBucket("bench-lake");
            Map<String, String> env = ServiceProcess.environment(stream, bucket);
            env.remove("KINESIS_READER_POLL_INTERVAL");
            env.put("SERVICE_ROLES", "lake");
            try (ServiceProcess service = ServiceProcess.start("bench-lake", env);
                    KinesisClient kinesis = emulators.kinesis();
                    S3Client s3 = emulators.s3()) {
                service.awaitOutput("reading", Duration.ofSeconds(60));
                long cpuBefore = cpuTicks(service.pid());
                Map<String, Long> putAt = new ConcurrentHashMap<>();
                long[] producerDone = {0};
                Thread producer = new Thread(() -> {
                    produce(kinesis, stream, rate, seconds, putAt);
                    producerDone[0] = System.currentTimeMillis();
                });
                producer.start();
                List<Long> lags = new ArrayList<>();
                Set<String> seenKeys = new HashSet<>();
                long bytes = 0;
                long startedAt = System.currentTimeMillis();
                long lastObjectAt = startedAt;
                long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 180).toNanos();
                while (System.nanoTime() < deadline && (producer.isAlive() || lags.size() < putAt.size())) {
                    for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket)
                            .prefix("social-pulse/posts/")).contents()) {
                        if (seenKeys.add(object.key())) {
                            long now = System.currentTimeMillis();
                            lastObjectAt = now;
                            byte[] body = s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asByteArray();
                            bytes += body.length;
                            for (String line : Lake.gunzip(body).split("\n")) {
                                if (!line.isEmpty()) {
                                    String id = PostCodec.mapper().readTree(line).get("id").asText();
                                    Long at = putAt.get(id);
                                    if (at != null) {
                                        lags.add(now - at);
                                    }
                                }
                            }
                        }
                    }
                    Thread.sleep(500);
                }
                producer.join();
                double inputSeconds = (producerDone[0] - startedAt) / 1000.0;
                double cpu = (cpuTicks(service.pid()) - cpuBefore) / 100.0;
                double elapsed = (lastObjectAt - startedAt) / 1000.0;
                service.terminate(Duration.ofSeconds(60));
                lags.sort(null);
                long posts = putAt.size();
                System.out.println(String.format(
                        "| %,d posts/s | %,.0f posts/s | %,d | %,d | %.1f s | %.1f s | %,d | %,.0f KiB | %.0f%% |",
                        rate, posts / inputSeconds, posts, lags.size(), percentile(lags, 0.50) / 1000.0,
                        percentile(lags, 0.99) / 1000.0,
                        Math.round(seenKeys.size() * 3600.0 / elapsed),
                        seenKeys.isEmpty() ? 0 : bytes / 1024.0 / seenKeys.size(), 100 * cpu / elapsed));
            }
        }
        // The writer's capacity: as fast as it goes, against gzip alone over the same lines.
        List<StreamRecord> records = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            Post post = post("capacity", i);
            records.add(new StreamRecord("shardId-000000000000", Long.toString(100_000_000L + i),
                    Instant.now(), PostCodec.encode(post), post, null));
        }
        List<byte[]> lines = records.stream().map(StreamRecord::data).toList();
        List<String> capacity = new ArrayList<>();
        try (var s3 = emulators.s3Async()) {
            for (int warm = 0; warm < 3; warm++) { // the JIT's compiling is not the writer's cost
                WriterThroughput.run(s3, emulators.createBucket("bench-capacity"), records, 32L << 20);
            }
            gzipMbPerCpuSecond(lines, 2);
            var run = WriterThroughput.run(s3, emulators.createBucket("bench-capacity"), records,
                    32L << 20);
            double gzip = gzipMbPerCpuSecond(lines, 3);
            double writer = run.compressedBytes() / 1e6 / run.cpuSeconds();
            capacity.add(String.format("| lake writer (one shard, 32 MiB rolls, to the S3 emulator) | %,d | %.1f MB"
                    + " | %.2f MB/s | %.2f | %,.0f posts/s | %.0f%% |", records.size(), run.compressedBytes() / 1e6,
                    writer, writer / gzip, records.size() / run.seconds(),
                    100 * run.threadCpuSeconds() / run.cpuSeconds()));
            capacity.add(String.format("| gzip alone over the same lines, one thread (peer) | %,d | | %.2f MB/s"
                    + " | 1.00 | | 100%% |", records.size(), gzip));
        }
        System.out.println();
        System.out.println("| writer | posts | compressed | compressed MB per CPU second | ratio to gzip alone"
                + " | wall-clock rate | of the CPU, on the writing thread |");
        System.out.println("|---|---|---|---|---|---|---|");
        capacity.forEach(System.out::println);
        System.exit(0);
    }

    /** Puts {@code rate} posts a second for {@code seconds}, in tenth-of-a-second batches. */
    private static void produce(KinesisClient kinesis, String stream, int rate, int seconds, Map<String, Long> putAt) {
        int perBatch = Math.max(1, rate / 10);
        long start = System.nanoTime();
        int n = 0;
        for (int batch = 0; batch < seconds * 10; batch++) {
            long due = start + batch * 100_000_000L;
            if (System.nanoTime() - start > seconds * 1_000_000_000L) {
                break; // the emulator could not keep up: the table shows the rate reached
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Emulators.sleep(Duration.ofNanos(wait));
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < perBatch; i++, n++) {
                Post post = post(stream, n);
                byte[] data = PostCodec.encode(post);
                ids.add(post.id());
                entries.add(PutRecordsRequestEntry.builder().partitionKey(post.id())
                        .data(SdkBytes.fromByteArray(data)).build());
            }
            for (int from = 0; from < entries.size(); from += 500) {
                List<PutRecordsRequestEntry> chunk = entries.subList(from, Math.min(entries.size(), from + 500));
                List<String> chunkIds = ids.subList(from, Math.min(ids.size(), from + 500));
                put(kinesis, stream, chunk, chunkIds, putAt);
            }
        }
    }

    private static void put(KinesisClient kinesis, String stream, List<PutRecordsRequestEntry> entries,
            List<String> ids, Map<String, Long> putAt) {
        List<PutRecordsRequestEntry> pending = entries;
        List<String> pendingIds = ids;
        while (!pending.isEmpty()) {
            List<PutRecordsRequestEntry> sending = pending;
            PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(sending));
            long now = System.currentTimeMillis();
            List<PutRecordsRequestEntry> failed = new ArrayList<>();
            List<String> failedIds = new ArrayList<>();
            for (int i = 0; i < sending.size(); i++) {
                if (response.records().get(i).errorCode() == null) {
                    putAt.put(pendingIds.get(i), now);
                } else {
                    failed.add(sending.get(i));
                    failedIds.add(pendingIds.get(i));
                }
            }
            pending = failed;
            pendingIds = failedIds;
        }
    }

    private static final String[] PLATFORMS = {"mastodon", "bluesky", "reddit"};

    private static Post post(String run, int i) {
        String platform = PLATFORMS[i % PLATFORMS.length];
        String text = "post " + i + " on the lake benchmark about #topic" + (i % 50) + " and #bench, with @user"
                + (i % 200) + " https://example.org/" + i;
        String nativeId = run + "-" + i;
        return Post.builder(platform, nativeId)
                .url("https://example.org/" + nativeId)
                .author(new Post.Author("a" + (i % 5000), "author" + (i % 5000), null, null, null))
                .text(text)
                .lang("en")
                .createdAt(Instant.now())
                .entitiesOf(text)
                .urls(List.of("https://example.org/" + i))
                .metrics(Map.of("likes", (long) (i % 100)))
                .match(new Post.Match("bench", List.of("#bench")))
                .fetchedAt(Instant.now())
                .raw(JsonNodeFactory.instance.objectNode().put("id", nativeId).put("content", text))
                .build();
    }

    /** Compressed MB a second of one thread's CPU, gzipping the sample lines over and over. */
    private static double gzipMbPerCpuSecond(List<byte[]> lines, int rounds) throws IOException {
        var threads = ManagementFactory.getThreadMXBean();
        long compressed = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (int round = 0; round < rounds; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream gzip = new GZIPOutputStream(out, 8192)) {
                for (byte[] line : lines) {
                    gzip.write(line);
                    gzip.write('\n');
                }
            }
            compressed += out.size();
        }
        return compressed / 1e6 / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    private static long cpuTicks(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime + stime, in clock ticks (100/s)
    }
}
