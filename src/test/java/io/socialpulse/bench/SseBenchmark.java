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
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.ServiceProcess;

/**
 * SSE fan-out: the packaged service (demo source, one tick a second) with 1k, 5k and 10k
 * subscribers held by a separate client JVM on loopback. Prints delivery lag from tick to receipt
 * (p50, p99) over {@code -Dsse.seconds} (20) after {@code -Dsse.warmup} (30) seconds of ticks
 * with every stream open (the JIT's compiling is over by then; a native image has none), the
 * server's resident memory per subscriber and its CPU use. {@code -Dsse.query} adds a query to
 * the stream's URL. The demo source runs at 50 posts/s into 2 shards: kinesis-local costs more
 * CPU per post than the service, and the benchmark is about the fan-out. The last row is the peer:
 * {@link BareSseServer} sending ticks of the service's size to the largest crowd, the floor this
 * machine and client allow. Run with bin/bench-sse.
 */
public final class SseBenchmark {

    public static void main(String[] args) throws Exception {
        int[] counts = args.length > 0
                ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[]{1000, 5000, 10000};
        Emulators emulators = Emulators.get();
        System.out.println("| server | subscribers | opened | lag p50 | lag p99 | events | server RSS"
                + " | RSS per subscriber | server CPU |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        int frameBytes = 0;
        for (int n : counts) {
            Map<String, String> env = ServiceProcess.environment(emulators.createStream("bench", 2),
                    emulators.createBucket("bench"));
            env.put("SERVICE_ROLES", "sources,trends");
            env.put("SOURCES_DEMO_RATE", "50");
            env.put("TRENDS_TICK", "1s");
            env.put("TRENDS_MAX_SUBSCRIBERS", "20000");
            // Extra JVM options for the service, e.g. -Dservice.opts=-XX:StartFlightRecording=filename=sse.jfr
            String opts = System.getProperty("service.opts", "");
            if (!opts.isBlank()) {
                env.put("JAVA_TOOL_OPTIONS", opts);
            }
            try (ServiceProcess service = ServiceProcess.start("bench-sse", env)) {
                service.awaitOutput("Listening on", Duration.ofSeconds(60));
                Thread.sleep(5000);
                String url = "http://127.0.0.1:" + service.port() + "/trends/stream"
                        + System.getProperty("sse.query", "");
                frameBytes = Math.max(frameBytes, frameBytes(url));
                measure("social-pulse", service.pid(), url, n);
                service.terminate(Duration.ofSeconds(30));
            }
        }
        // The peer: the same number of bytes per tick to the largest crowd, from a bare NIO server.
        int n = counts[counts.length - 1];
        Process bare = new ProcessBuilder(java(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                BareSseServer.class.getName(), Integer.toString(frameBytes), "2")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String port = new BufferedReader(new InputStreamReader(bare.getInputStream())).readLine()
                    .substring("PORT ".length());
            measure("bare NIO, " + frameBytes + " B a tick", bare.pid(), "http://127.0.0.1:" + port + "/", n);
        } finally {
            bare.destroyForcibly();
        }
        System.exit(0);
    }

    /** Runs the client process against {@code url} and prints one row. */
    private static void measure(String server, long pid, String url, int n) throws Exception {
        long rssBefore = rss(pid);
        long cpuBefore = cpuTicks(pid);
        Map<String, Long> threadsBefore = threadTicks(pid);
        long start = System.nanoTime();
        Process clients = new ProcessBuilder(List.of(java(), "-Xmx3g", "-cp", System.getProperty("java.class.path"),
                SseClients.class.getName(), url, "" + n, System.getProperty("sse.seconds", "20"),
                System.getProperty("sse.warmup", "30"))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new String(clients.getInputStream().readAllBytes()).strip();
        clients.waitFor();
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
        String[] r = line.split(" ");
        System.out.printf("| %s | %,d | %s | %s ms | %s ms | %s | %.0f MB | %.1f KiB | %.0f%% of a core |%n", server,
                n, r[0], r[1], r[2], r[3], rssAfter / 1e6, (rssAfter - rssBefore) / 1024.0 / n, cpu * 100);
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
