package io.socialpulse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.JvmImage;
import io.socialpulse.testing.ServiceProcess;

/**
 * SSE fan-out: the packaged service (demo source, one tick a second) with 1k, 10k and 20k
 * subscribers held by a separate client JVM on loopback. Prints delivery lag from tick to receipt
 * (p1, p50, p99) over {@code -Dsse.seconds} (20) after {@code -Dsse.warmup} (30) seconds of ticks
 * with every stream open (the JIT's compiling is over by then; a native image has none), the
 * server's resident memory per subscriber and its CPU use. The service runs with the JVM image's
 * options in the stack's default task memory (1 GiB). {@code -Dsse.query} adds a query to
 * the stream's URL. The demo source runs at 50 posts/s into 2 shards: kinesis-local costs more
 * CPU per post than the service, and the benchmark is about the fan-out. After each crowd comes
 * its peer: {@link BareSseServer} sending ticks of the service's size to as many streams, the floor
 * this machine and client allow; a last table sets the two p99s side by side. Run with
 * bin/bench-sse (which raises the open-files limit a 20k crowd needs).
 */
public final class SseBenchmark {

    /** Streams one client process holds at most: this machine allows 20,000 open files a process. */
    static final int CLIENT_STREAMS = 9_000;
    /** The stack's default task memory, which sizes the image's heap. */
    static final int TASK_MIB = 1024;

    public static void main(String[] args) throws Exception {
        int[] counts = args.length > 0
                ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[]{1000, 10000, 20000};
        Emulators emulators = Emulators.get();
        System.out.println("| server | subscribers | opened | lag p1 | lag p50 | lag p99 | events | server RSS"
                + " | RSS per subscriber | server CPU |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        Map<Integer, long[]> p99s = new TreeMap<>();
        for (int n : counts) {
            Map<String, String> env = ServiceProcess.environment(emulators.createStream("bench", 2),
                    emulators.createBucket("bench"));
            env.put("SERVICE_ROLES", "sources,trends");
            env.put("SOURCES_DEMO_RATE", "50");
            env.put("TRENDS_TICK", "1s");
            env.put("TRENDS_MAX_SUBSCRIBERS", "40000");
            // Extra JVM options for the service, e.g. -Dservice.opts=-XX:StartFlightRecording=filename=sse.jfr
            String opts = System.getProperty("service.opts", "");
            if (!opts.isBlank()) {
                env.put("JAVA_TOOL_OPTIONS", opts);
            }
            int frameBytes;
            long service;
            List<String> java = new ArrayList<>(List.of(Emulators.javaBinary()));
            java.addAll(JvmImage.memoryOptions(TASK_MIB));
            try (ServiceProcess process = ServiceProcess.start("bench-sse", env, java)) {
                process.awaitOutput("Listening on", Duration.ofSeconds(60));
                Thread.sleep(5000);
                String url = "http://127.0.0.1:" + process.port() + "/trends/stream"
                        + System.getProperty("sse.query", "");
                frameBytes = frameBytes(url);
                service = measure("social-pulse", process.pid(), url, n);
                process.terminate(Duration.ofSeconds(30));
            }
            // The peer, right after: the same number of bytes per tick to as many streams from a bare NIO server.
            Process bare = new ProcessBuilder(java(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    BareSseServer.class.getName(), Integer.toString(frameBytes), "2")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                String port = new BufferedReader(new InputStreamReader(bare.getInputStream())).readLine()
                        .substring("PORT ".length());
                p99s.put(n, new long[]{service, measure("bare NIO, " + frameBytes + " B a tick", bare.pid(),
                        "http://127.0.0.1:" + port + "/", n)});
            } finally {
                bare.destroyForcibly();
            }
        }
        System.out.println();
        System.out.println("| subscribers | social-pulse lag p99 | bare NIO lag p99 | ratio |");
        System.out.println("|---|---|---|---|");
        p99s.forEach((n, p) -> System.out.printf("| %,d | %d ms | %d ms | %.2f |%n", n, p[0], p[1],
                p[1] > 0 ? (double) p[0] / p[1] : Double.NaN));
        System.exit(0);
    }

    /** Runs the client process against {@code url}, prints one row and answers its lag p99 in ms (-1: none). */
    private static long measure(String server, long pid, String url, int n) throws Exception {
        long rssBefore = rss(pid);
        long cpuBefore = cpuTicks(pid);
        Map<String, Long> threadsBefore = threadTicks(pid);
        long start = System.nanoTime();
        // At most 9,000 streams a client process: each holds one open file per stream.
        int processes = (n + CLIENT_STREAMS - 1) / CLIENT_STREAMS;
        List<Process> clients = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            int streams = n / processes + (i < n % processes ? 1 : 0);
            clients.add(new ProcessBuilder(List.of(java(), "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                    SseClients.class.getName(), url, "" + streams, System.getProperty("sse.seconds", "20"),
                    System.getProperty("sse.warmup", "30"))).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        long opened = 0;
        long[] lags = new long[60_001];
        for (Process client : clients) {
            String[] lines = new String(client.getInputStream().readAllBytes()).strip().split("\n");
            client.waitFor();
            opened += Long.parseLong(lines[0].strip());
            if (lines.length > 1 && !lines[1].isBlank()) {
                for (String pair : lines[1].strip().split(" ")) {
                    String[] kv = pair.split("=");
                    lags[Integer.parseInt(kv[0])] += Long.parseLong(kv[1]);
                }
            }
        }
        long rssAfter = rss(pid);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (Boolean.getBoolean("bench.threads")) {
            // Where the server's CPU went during the run, by thread name with digits folded.
            threadTicks(pid).forEach((name, ticks) -> {
                long used = ticks - threadsBefore.getOrDefault(name, 0L);
                if (used > 0) {
                    System.err.printf("THREADS %-24s %.2f s%n", name, used / 100.0);
                }
            });
        }
        double cpu = (cpuTicks(pid) - cpuBefore) / 100.0 / seconds;
        long events = Arrays.stream(lags).sum();
        long p99 = percentile(lags, events, 0.99);
        System.out.printf("| %s | %,d | %d | %d ms | %d ms | %d ms | %d | %.0f MB | %.1f KiB | %.0f%% of a core |%n",
                server, n, opened, percentile(lags, events, 0.01), percentile(lags, events, 0.50), p99, events,
                rssAfter / 1e6, (rssAfter - rssBefore) / 1024.0 / n, cpu * 100);
        return p99;
    }

    private static long percentile(long[] lags, long events, double p) {
        long rank = (long) Math.ceil(events * p);
        long seen = 0;
        for (int i = 0; i < lags.length; i++) {
            seen += lags[i];
            if (seen >= rank && rank > 0) {
                return i;
            }
        }
        return -1;
    }

    /** The size of one tick's events (everything between two {@code event: trends} lines) at {@code url}. */
    private static int frameBytes(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> response = http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofLines());
        int bytes = 0;
        int ticks = 0;
        try (Stream<String> lines = response.body()) {
            for (Iterator<String> it = lines.iterator(); it.hasNext() && ticks < 2;) {
                String text = it.next();
                if (text.equals("event: trends")) {
                    ticks++;
                }
                if (ticks == 1) {
                    bytes += text.getBytes(StandardCharsets.UTF_8).length + 1;
                }
            }
        }
        return bytes;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    /** CPU clock ticks of a process's threads, summed by name with digits folded. */
    private static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> byName = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended in between
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                byName.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
            }
        }
        return byName;
    }

    private static long cpuTicks(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime + stime, in clock ticks (100/s)
    }
}
