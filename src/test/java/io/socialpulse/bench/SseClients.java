package io.socialpulse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load side of the SSE benchmark, in its own JVM: opens N streams to the service over plain
 * HTTP/1.1 sockets driven by two selector threads (a client that costs little, so the figures are
 * the server's), lets the server warm up, then for a while records how late each {@code trends}
 * event arrives after its tick (the event id), and prints how many opened and the lags' histogram ({@code ms=count} pairs).
 * The benchmark runs several, as one process may not hold 20,000 open files.
 * Arguments: stream URL, streams, seconds measured, seconds of warm-up.
 */
public final class SseClients {

    private static final int MAX_LAG_MS = 60_000;
    private static final int THREADS = 2;
    private static final AtomicInteger opened = new AtomicInteger();
    private static volatile boolean measuring;
    private static volatile boolean done;

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int streams = Integer.parseInt(args[1]);
        Duration measure = Duration.ofSeconds(Long.parseLong(args[2]));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(args[3]));
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        long[][] lags = new long[THREADS][MAX_LAG_MS + 1];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int count = streams / THREADS + (t < streams % THREADS ? 1 : 0);
            long[] own = lags[t];
            Thread thread = new Thread(() -> run(address, request, count, own), "clients-" + t);
            thread.start();
            threads.add(thread);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (opened.get() < streams && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(warmUp.toMillis());
        measuring = true;
        Thread.sleep(measure.toMillis());
        measuring = false;
        done = true;
        for (Thread thread : threads) {
            thread.join();
        }
        // How many streams opened, then the lags as "ms=count" pairs: the benchmark merges the
        // histograms of its client processes.
        StringBuilder histogram = new StringBuilder();
        for (int i = 0; i <= MAX_LAG_MS; i++) {
            long count = 0;
            for (long[] own : lags) {
                count += own[i];
            }
            if (count > 0) {
                histogram.append(i).append('=').append(count).append(' ');
            }
        }
        System.out.println(opened.get());
        System.out.println(histogram.toString().strip());
        System.exit(0);
    }

    /** One selector thread holding {@code count} streams until the measurement is done. */
    private static void run(InetSocketAddress address, byte[] request, int count, long[] lags) {
        try (Selector selector = Selector.open()) {
            ByteBuffer read = ByteBuffer.allocateDirect(256 * 1024);
            int started = 0;
            while (!done) {
                // Ramp up: a hundred connects per selector round instead of a thundering herd.
                for (int i = 0; i < 100 && started < count; i++, started++) {
                    SocketChannel channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.connect(address);
                    channel.register(selector, SelectionKey.OP_CONNECT, new Stream(ByteBuffer.wrap(request)));
                }
                selector.select(50);
                boolean measure = measuring;
                for (SelectionKey key : selector.selectedKeys()) {
                    Stream stream = (Stream) key.attachment();
                    SocketChannel channel = (SocketChannel) key.channel();
                    try {
                        if (key.isConnectable() && channel.finishConnect()) {
                            key.interestOps(SelectionKey.OP_WRITE);
                        }
                        if (key.isValid() && key.isWritable()) {
                            channel.write(stream.request);
                            if (!stream.request.hasRemaining()) {
                                key.interestOps(SelectionKey.OP_READ);
                            }
                        }
                        if (key.isValid() && key.isReadable()) {
                            read.clear();
                            if (channel.read(read) < 0) {
                                key.cancel();
                                channel.close();
                                continue;
                            }
                            if (!stream.open) {
                                stream.open = true;
                                opened.incrementAndGet();
                            }
                            read.flip();
                            stream.scan(read, lags, measure);
                        }
                    } catch (IOException e) {
                        key.cancel();
                        channel.close();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One stream's parser. It reads the HTTP chunk framing rather than every line: the service
     * writes each tick's events as one chunk, so only a chunk's first bytes ({@code event: trends},
     * {@code id: <tick>}) are looked at, and the lag is recorded when the whole chunk has arrived.
     */
    private static final class Stream {
        private static final byte[] TRENDS = "event: trends\nid: ".getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer request;
        final byte[] head = new byte[40];
        int headLength;
        boolean open;
        boolean inHeaders = true;
        int crlfs;
        long chunkLeft = -1;
        long size;

        Stream(ByteBuffer request) {
            this.request = request;
        }

        void scan(ByteBuffer bytes, long[] lags, boolean measuring) {
            while (bytes.hasRemaining()) {
                if (inHeaders) {
                    byte b = bytes.get();
                    crlfs = b == '\n' ? crlfs + 1 : (b == '\r' ? crlfs : 0);
                    inHeaders = crlfs < 2;
                } else if (chunkLeft < 0) {
                    byte b = bytes.get();
                    int digit = Character.digit(b, 16);
                    if (digit >= 0) {
                        size = size * 16 + digit;
                    } else if (b == '\n' && size > 0) {
                        chunkLeft = size;
                        size = 0;
                        headLength = 0;
                    }
                } else {
                    int take = (int) Math.min(chunkLeft, bytes.remaining());
                    int copy = Math.min(take, head.length - headLength);
                    bytes.get(head, headLength, copy);
                    headLength += copy;
                    bytes.position(bytes.position() + take - copy);
                    chunkLeft -= take;
                    if (chunkLeft == 0) {
                        chunkLeft = -1;
                        if (measuring && Arrays.equals(head, 0, TRENDS.length, TRENDS, 0, TRENDS.length)) {
                            long id = 0;
                            for (int i = TRENDS.length; i < headLength && head[i] != '\n'; i++) {
                                id = id * 10 + (head[i] - '0');
                            }
                            lags[(int) Math.max(0, Math.min(MAX_LAG_MS, System.currentTimeMillis() - id))]++;
                        }
                    }
                }
            }
        }
    }
}
