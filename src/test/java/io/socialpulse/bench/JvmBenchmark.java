package io.socialpulse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.JvmImage;
import io.socialpulse.testing.ServiceProcess;

/**
 * The JVM image measured with its own JVM options (read from Dockerfile.jvm): time from launch to
 * ready on Java 17, on Java 25, and on Java 25 with an AOT cache from a training run; then resident
 * memory under the demo source (50 posts/s, every role) with 100 SSE subscribers for the given
 * minutes. Prints a table; never asserts. Run with bin/bench-jvm [minutes].
 */
public final class JvmBenchmark {

    private static final Path JDK25 = JvmImage.JDK25;
    /** The memory of the stack's default task, which sizes the image's heap. */
    static final int TASK_MIB = 1024;

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        if (args.length > 1) { // only the memory run, of the roles given: a task that runs some of them
            rss(Emulators.get(), Emulators.javaBinary(), imageOptions(), minutes, args[1]);
            return;
        }
        List<String> options = imageOptions();
        Emulators emulators = Emulators.get();
        String java17 = Emulators.javaBinary();
        System.out.println("JVM options of the image: " + String.join(" ", options));
        System.out.println();
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        start(emulators, "Java 17 (" + Runtime.version().feature() + " here)", java17, options);
        if (Files.isExecutable(JDK25)) {
            start(emulators, "Java 25", JDK25.toString(), options);
            Path cache = Emulators.projectRoot().resolve("target/social-pulse.aot");
            Files.deleteIfExists(cache);
            List<String> training = new ArrayList<>(options);
            training.add("-XX:AOTCacheOutput=" + cache);
            try (ServiceProcess service = ServiceProcess.start("aot-training", env(emulators, "aot-train"),
                    command(JDK25.toString(), training))) {
                awaitReady(service, Duration.ofSeconds(120));
                Emulators.sleep(Duration.ofSeconds(20)); // some traffic through the pipeline for the cache
                service.terminate(Duration.ofSeconds(60));
            }
            if (Files.exists(cache)) {
                List<String> withCache = new ArrayList<>(options);
                withCache.add("-XX:AOTCache=" + cache);
                start(emulators, "Java 25 with the AOT cache (" + Files.size(cache) / 1_000_000 + " MB)",
                        JDK25.toString(), withCache);
            } else {
                System.out.println("| Java 25 with the AOT cache | the training run wrote no cache |");
            }
        }
        rss(emulators, java17, options, minutes, "sources,lake,trends");
    }

    /** The image's options as the stack's default task (1024 MiB) runs them. */
    static List<String> imageOptions() throws IOException {
        return JvmImage.memoryOptions(TASK_MIB);
    }

    private static List<String> command(String java, List<String> options) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(options);
        return command;
    }

    private static Map<String, String> env(Emulators emulators, String name) {
        return env(emulators, name, "sources,lake,trends");
    }

    private static Map<String, String> env(Emulators emulators, String name, String roles) {
        Map<String, String> env = ServiceProcess.environment(emulators.createStream(name, 1),
                emulators.createBucket(name));
        env.put("SOURCES_ENABLED", "demo");
        env.put("SERVICE_ROLES", roles);
        return env;
    }

    private static long awaitReady(ServiceProcess service, Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + service.port() + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return System.nanoTime();
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Emulators.sleep(Duration.ofMillis(10));
        }
        throw new IllegalStateException("not ready within " + timeout + ":\n" + service.output());
    }

    /** The median of three starts, launch to ready. */
    private static void start(Emulators emulators, String what, String java, List<String> options) {
        long[] millis = new long[3];
        for (int i = 0; i < millis.length; i++) {
            long launched = System.nanoTime();
            try (ServiceProcess service = ServiceProcess.start("start", env(emulators, "start" + i),
                    command(java, options))) {
                millis[i] = (awaitReady(service, Duration.ofSeconds(120)) - launched) / 1_000_000;
                service.terminate(Duration.ofSeconds(60));
            }
        }
        Arrays.sort(millis);
        System.out.printf("| start, launch to ready, %s, median of 3 | %,d ms |%n", what, millis[1]);
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static void rss(Emulators emulators, String java, List<String> options, int minutes, String roles)
            throws Exception {
        boolean trends = roles.contains("trends");
        try (ServiceProcess service = ServiceProcess.start("rss", env(emulators, "rss", roles),
                command(java, options))) {
            awaitReady(service, Duration.ofSeconds(120));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            AtomicLong bytes = new AtomicLong();
            List<CompletableFuture<?>> streams = new ArrayList<>();
            for (int i = 0; trends && i < 100; i++) {
                streams.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                        + "/trends/stream?platform=" + (i % 2 == 0 ? "all" : "x"))).build(),
                        HttpResponse.BodyHandlers.ofInputStream()).thenAcceptAsync(r -> drain(r.body(), bytes)));
            }
            long max = 0;
            long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
            while (System.nanoTime() < end) {
                max = Math.max(max, rssKb(service.pid()));
                Emulators.sleep(Duration.ofSeconds(5));
            }
            long last = rssKb(service.pid());
            String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                    + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            System.out.printf("| resident memory (RSS), demo at 50 posts/s, roles %s%s, %d min:"
                    + " highest, at the end | %.0f MiB, %.0f MiB |%n", roles, trends ? ", 100 SSE subscribers" : "",
                    minutes, max / 1024.0, last / 1024.0);
            System.out.printf("| heap used at the end (jvm_memory_used_bytes, heap) | %.0f MiB |%n",
                    sum(metrics, "jvm_memory_used_bytes{area=\"heap\"") / 1048576.0);
            if (trends) {
                System.out.printf("| SSE bytes received by the 100 subscribers | %,d |%n", bytes.get());
            }
            service.terminate(Duration.ofSeconds(60));
            streams.forEach(s -> s.cancel(true));
        }
    }

    private static double sum(String metrics, String prefix) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private static void drain(InputStream in, AtomicLong bytes) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                bytes.addAndGet(n);
            }
        } catch (IOException e) {
            // the service stopped
        }
    }
}
