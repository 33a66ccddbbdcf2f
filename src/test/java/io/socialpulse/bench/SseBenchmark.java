package io.socialpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.ServiceProcess;

/**
 * SSE fan-out: the packaged service (demo source, one tick a second) with 1k, 5k and 10k
 * subscribers held by a separate client JVM on loopback. Prints delivery lag from tick to receipt
 * (p50, p99), the server's resident memory per subscriber and its CPU use. Run with bin/bench-sse.
 */
public final class SseBenchmark {

    public static void main(String[] args) throws Exception {
        int[] counts = args.length > 0
                ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[]{1000, 5000, 10000};
        Emulators emulators = Emulators.get();
        System.out.println(
                "| subscribers | opened | lag p50 | lag p99 | events | server RSS | RSS per subscriber | server CPU |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int n : counts) {
            Map<String, String> env = ServiceProcess.environment(emulators.createStream("bench", 8),
                    emulators.createBucket("bench"));
            env.put("SERVICE_ROLES", "sources,trends");
            env.put("SOURCES_DEMO_RATE", "200");
            env.put("TRENDS_TICK", "1s");
            env.put("TRENDS_MAX_SUBSCRIBERS", "20000");
            try (ServiceProcess service = ServiceProcess.start("bench-sse", env)) {
                service.awaitOutput("Listening on", Duration.ofSeconds(60));
                Thread.sleep(5000);
                long pid = service.pid();
                long rssBefore = rss(pid);
                long cpuBefore = cpuTicks(pid);
                long start = System.nanoTime();
                Process clients = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx3g", "-cp", System.getProperty("java.class.path"),
                        SseClients.class.getName(), "http://127.0.0.1:" + service.port() + "/trends/stream", "" + n,
                        "20")).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String line = new String(clients.getInputStream().readAllBytes()).strip();
                clients.waitFor();
                long rssAfter = rss(pid);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (cpuTicks(pid) - cpuBefore) / 100.0 / seconds;
                String[] r = line.split(" ");
                System.out.printf("| %,d | %s | %s ms | %s ms | %s | %.0f MB | %.1f KiB | %.0f%% of a core |%n", n,
                        r[0],
                        r[1], r[2], r[3], rssAfter / 1e6, (rssAfter - rssBefore) / 1024.0 / n, cpu * 100);
                service.terminate(Duration.ofSeconds(30));
            }
        }
        System.exit(0);
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    private static long cpuTicks(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime + stime, in clock ticks (100/s)
    }
}
