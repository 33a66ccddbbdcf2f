package io.socialpulse.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.ServiceProcess;

/**
 * Clients that open the stream and never read must not cost the server memory: each subscriber's
 * queue is conflated to the newest tick, so what they do not take is dropped, not buffered. The
 * packaged service runs with fast ticks; one client reads everything (the bytes the others would
 * have queued), fifty read nothing, each through a view of its own (frames are shared per view);
 * the server's heap and direct memory (where frames live) after a full GC are compared at the
 * start and the end, and the server still counts every stalled stream as open.
 */
class SlowReaderIT {

    private static final int STALLED = Integer.getInteger("slow.stalled", 50);

    @Test
    void clientsThatReadNothingDoNotGrowTheHeap() throws Exception {
        Emulators emulators = Emulators.get();
        var env = ServiceProcess.environment(emulators.createStream("slow", 1), emulators.createBucket("slow"));
        env.put("SOURCES_DEMO_RATE", "1000");
        env.put("TRENDS_TICK", "200ms");
        env.put("TRENDS_TOP", "100");
        env.put("TRENDS_STALL_TIMEOUT", "10m"); // conflation, not the stall disconnect, must keep memory flat
        env.put("SERVICE_ROLES", "sources,trends"); // no lake roll growing in the heap meanwhile
        env.put("TRENDS_REPLAY", "2s"); // nor the Last-Event-ID ring filling up
        try (ServiceProcess service = ServiceProcess.start("slow-reader", env)) {
            service.awaitOutput("Listening on", Duration.ofSeconds(60));
            String request = "GET /trends/stream?limit=100 HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < STALLED; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("127.0.0.1", service.port()));
                OutputStream out = socket.getOutputStream();
                // A view per client: 50 limits of the default window, so no frame is shared among them.
                out.write(request.replace("limit=100", "limit=" + (51 + i)).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stalled.add(socket); // never read
            }
            AtomicLong read = new AtomicLong();
            Thread reader = new Thread(() -> {
                try (Socket socket = new Socket("127.0.0.1", service.port())) {
                    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[65536];
                    for (int n; (n = in.read(buffer)) > 0;) {
                        read.addAndGet(n);
                    }
                } catch (Exception e) {
                    // the service stopped
                }
            });
            reader.setDaemon(true);
            reader.start();

            Thread.sleep(10_000); // socket buffers on both sides fill up
            long before = heapAfterGc(service);
            long readBefore = read.get();
            Thread.sleep(40_000);
            long after = heapAfterGc(service);
            long delivered = read.get() - readBefore;
            long wouldHaveQueued = delivered * STALLED;
            String figures = "heap and direct memory " + mb(before) + " -> " + mb(after)
                    + " MB; one reading client got " + mb(delivered)
                    + " MB, so the stalled clients would have queued " + mb(wouldHaveQueued) + " MB";
            System.out.println("slow readers: " + figures);
            if (after - before >= wouldHaveQueued / 8) {
                figures += "\n" + histogram(service); // what holds the heap, for whoever reads the failure
            }
            assertTrue(wouldHaveQueued > 64L << 20, "the test needs enough traffic to mean something: " + figures);
            assertTrue(after - before < wouldHaveQueued / 8, figures);
            // Socket.isClosed sees only our own closes: ask the server how many streams it holds.
            assertTrue(metric(service, "socialpulse_sse_subscribers") >= STALLED + 1,
                    "the server dropped stalled streams, so the heap figure proves nothing");
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private static double metric(ServiceProcess service, String name) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.port() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /**
     * The service's used heap and direct buffers right after a full collection (jcmd GC.run, then
     * the JVM meters): SSE frames live in direct memory, outside the heap.
     */
    private static long heapAfterGc(ServiceProcess service) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(service.pid()), "GC.run")
                .redirectErrorStream(true)
                .start();
        gc.getInputStream().readAllBytes();
        gc.waitFor();
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.port() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher heap = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",id=\"([^\"]+)\"} ([0-9.E+]+)")
                .matcher(metrics);
        long used = 0;
        while (heap.find()) {
            used += (long) Double.parseDouble(heap.group(2));
        }
        Matcher direct = Pattern.compile("jvm_buffer_memory_used_bytes\\{id=\"direct\"} ([0-9.E+]+)").matcher(metrics);
        if (!direct.find()) {
            throw new AssertionError("no direct-buffer meter in the metrics");
        }
        return used + (long) Double.parseDouble(direct.group(1));
    }

    private static String histogram(ServiceProcess service) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(service.pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String text = new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        histogram.waitFor();
        return String.join("\n", text.lines().limit(25).toList());
    }

    private static String mb(long bytes) {
        return String.format("%.1f", bytes / 1048576.0);
    }
}
