package io.socialpulse.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.jboss.logmanager.Level;
import org.jboss.logmanager.LogContext;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.JvmImage;
import io.socialpulse.testing.ServiceProcess;

/**
 * How many posts a second one task's lake writer and trend view keep up with, when Kinesis is not
 * the limit: the packaged service, pinned to one core with the JVM image's options sized for a task
 * of 1 vCPU and 2 GiB (the least Fargate gives one vCPU), reads from
 * {@link ReadStub} (GetRecords or SubscribeToShard served from memory at a set rate; the trend
 * view both ways, and the lake flat out through SubscribeToShard too) and writes the lake to the S3
 * emulator. At 2,000 and 20,000 posts/s with both roles it reports what the service reached, its
 * CPU and how far behind the tip its reads were; flat out, each role alone gives posts per CPU
 * second, set beside its peer measured in the same run on the same lines: gzip alone for the lake,
 * decoding plus exact HashMap counting of tags and accounts for the trend view.
 */
public final class HeadroomBenchmark {

    /** The smallest memory Fargate gives a task of 1 vCPU, which sizes the image's heap (1 GiB). */
    static final int TASK_MIB = 2048;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Row(String roles, String reading, String asked, double reached, double callsPerShardSecond,
            double lagP50,
            double lagP99, double cpuShare, double postsPerCpuSecond) {
    }

    private HeadroomBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
        int seconds = Integer.getInteger("headroom.seconds", 40);
        int warmup = Integer.getInteger("headroom.warmup", 45);
        int shards = Integer.getInteger("headroom.shards", 20);
        String cpu = System.getProperty("headroom.cpu", "1");
        List<Row> rows = new ArrayList<>();
        String only = System.getProperty("headroom.only", "");
        if (!only.isEmpty()) { // one run, for a profile: flat out unless headroom.rate says otherwise
            System.out.println(run(only, Boolean.getBoolean("headroom.efo"), Integer.getInteger("headroom.rate", 0),
                    shards, cpu, warmup, seconds));
            System.exit(0);
        }
        rows.add(run("lake,trends", false, 2_000, shards, cpu, warmup, seconds));
        rows.add(run("lake,trends", false, 20_000, shards, cpu, warmup, seconds));
        Row lake = run("lake", false, 0, shards, cpu, warmup, seconds);
        Row trends = run("trends", false, 0, shards, cpu, warmup, seconds);
        rows.add(lake);
        rows.add(trends);
        rows.add(run("trends", true, 20_000, shards, cpu, warmup, seconds));
        rows.add(run("trends", true, 0, shards, cpu, warmup, seconds));
        rows.add(run("lake", true, 0, shards, cpu, warmup, seconds));

        System.out.printf("%nThe packaged service pinned to CPU %s (taskset) with the JVM image's options in a %d MiB"
                + " task, reading %d shards from an in-memory Kinesis (%d s warm-up, %d s measured), the lake to the"
                + " S3 emulator.%n%n", cpu, TASK_MIB, shards, warmup, seconds);
        System.out
                .println("| roles | reading | input asked | input reached | GetRecords calls or events per shard-second"
                        + " | reader lag p50 | reader lag p99 | service CPU (of one core) | posts per CPU second |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf("| %s | %s | %s | %,.0f posts/s | %.1f | %s | %s | %.0f%% | %,.0f |%n", r.roles(),
                    r.reading(), r.asked(),
                    r.reached(), r.callsPerShardSecond(), lag(r.lagP50()), lag(r.lagP99()), 100 * r.cpuShare(),
                    r.postsPerCpuSecond());
        }

        List<byte[]> lines;
        try (ReadStub sample = ReadStub.start(shards, 1)) {
            lines = sample.sample(200_000);
        }
        gzipPerCpuSecond(lines);
        double gzip = gzipPerCpuSecond(lines);
        countPerCpuSecond(lines);
        double counting = countPerCpuSecond(lines);
        System.out.println();
        System.out.println("| work, flat out | posts per CPU second | the service's ÷ the peer's |");
        System.out.println("|---|---|---|");
        System.out.printf("| lake role (read, decode, dedup, gzip, S3) | %,.0f | %.2f |%n", lake.postsPerCpuSecond(),
                lake.postsPerCpuSecond() / gzip);
        System.out.printf("| gzip alone over the same lines, one thread (peer) | %,.0f | |%n", gzip);
        System.out.printf("| trends role (read, decode, count, score, sentiment) | %,.0f | %.2f |%n",
                trends.postsPerCpuSecond(), trends.postsPerCpuSecond() / counting);
        System.out.printf("| decoding and exact HashMap counting of tags and accounts, one thread (peer) | %,.0f | |%n",
                counting);
        System.exit(0);
    }

    private static String lag(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format("%.1f s", seconds);
    }

    /** One service run: {@code rate} 0 is flat out (the stub's tip far ahead of any reader). */
    private static Row run(String roles, boolean efo, int rate, int shards, String cpu, int warmup, int seconds)
            throws Exception {
        Emulators emulators = Emulators.get();
        try (ReadStub stub = ReadStub.start(shards, rate == 0 ? 10_000_000 : rate)) {
            Map<String, String> env = ServiceProcess.emulatorEnvironment();
            env.put("KINESIS_ENDPOINT", "http://127.0.0.1:" + stub.port());
            env.put("KINESIS_STREAM", "bench");
            env.put("LAKE_BUCKET", emulators.createBucket("headroom"));
            env.put("SERVICE_ROLES", roles);
            env.put("KINESIS_READER_MODE", efo ? "efo" : "polling");
            List<String> java = new ArrayList<>(List.of("taskset", "-c", cpu, Emulators.javaBinary()));
            java.addAll(JvmImage.memoryOptions(TASK_MIB));
            String more = System.getProperty("service.opts", "");
            if (!more.isBlank()) {
                java.addAll(List.of(more.strip().split("\\s+"))); // a flight recording, say
            }
            try (ServiceProcess service = ServiceProcess.start("headroom-" + roles.replace(',', '-'), env, java)) {
                service.awaitOutput("reading", Duration.ofSeconds(60));
                Emulators.sleep(Duration.ofSeconds(warmup));
                long served = stub.served.sum();
                long calls = stub.calls.sum();
                long ticks = cpuTicks(service.pid());
                long start = System.nanoTime();
                List<Double> lags = new ArrayList<>();
                while (System.nanoTime() - start < Duration.ofSeconds(seconds).toNanos()) {
                    Emulators.sleep(Duration.ofSeconds(1));
                    if (rate > 0) {
                        lags.add(metric(service.port(), "socialpulse_reader_lag_max_seconds"));
                    }
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                double posts = stub.served.sum() - served;
                double cpuSeconds = (cpuTicks(service.pid()) - ticks) / 100.0;
                lags.sort(null);
                return new Row(roles, efo ? "enhanced fan-out" : "polling",
                        rate == 0 ? "flat out" : String.format("%,d posts/s", rate), posts / elapsed,
                        (stub.calls.sum() - calls) / elapsed / shards, percentile(lags, 0.5), percentile(lags, 0.99),
                        cpuSeconds / elapsed, posts / cpuSeconds);
            }
        }
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty()
                ? Double.NaN
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    private static double metric(int port, String name) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    /** Posts a second of one thread's CPU, gzipping the lines as the lake lays them out. */
    private static double gzipPerCpuSecond(List<byte[]> lines) throws IOException {
        var threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(out, 8192)) {
            for (byte[] line : lines) {
                gzip.write(line);
                gzip.write('\n');
            }
        }
        return lines.size() / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }

    /** Posts a second of one thread's CPU, decoding each line and counting its tags and author exactly. */
    private static double countPerCpuSecond(List<byte[]> lines) {
        var threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        Map<String, Long> tags = new HashMap<>();
        Map<String, Long> accounts = new HashMap<>();
        for (byte[] line : lines) {
            Post post = PostCodec.decode(line);
            for (String tag : post.hashtags()) {
                tags.merge(tag, 1L, Long::sum);
            }
            accounts.merge(post.platform() + ":" + post.author().nativeId(), 1L, Long::sum);
        }
        if (tags.isEmpty() || accounts.isEmpty()) {
            throw new IllegalStateException("the sample had no tags or accounts to count");
        }
        return lines.size() / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }

    private static long cpuTicks(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime + stime, in clock ticks (100/s)
    }
}
