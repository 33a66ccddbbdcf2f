package io.socialpulse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer in the SSE benchmark: the least a server can do to fan a tick out. Plain NIO, no
 * framework, no pipeline; once a second it writes one chunk of {@code bytes} bytes framed as a
 * {@code trends} event with the tick's epoch ms as id to every open stream, from {@code threads}
 * threads. Prints {@code PORT <n>} once listening on 127.0.0.1. Arguments: bytes, threads.
 */
public final class BareSseServer {

    public static void main(String[] args) throws Exception {
        int bytes = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
        System.out.println("PORT " + ((InetSocketAddress) server.getLocalAddress()).getPort());
        System.out.flush();
        List<List<SocketChannel>> groups = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            groups.add(new ArrayList<>());
        }
        Thread acceptor = new Thread(() -> accept(server, groups), "acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        String filler = "x".repeat(bytes);
        while (true) {
            long tick = (System.currentTimeMillis() / 1000 + 1) * 1000;
            Thread.sleep(Math.max(0, tick - System.currentTimeMillis()));
            String event = "event: trends\nid: " + tick + "\ndata: " + filler + "\n\n";
            byte[] chunk = (Integer.toHexString(event.length()) + "\r\n" + event + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            ByteBuffer shared = ByteBuffer.allocateDirect(chunk.length).put(chunk).flip();
            List<Thread> writers = new ArrayList<>();
            for (List<SocketChannel> group : groups) {
                List<SocketChannel> streams;
                synchronized (group) {
                    streams = new ArrayList<>(group);
                }
                Thread writer = new Thread(() -> {
                    for (SocketChannel stream : streams) {
                        try {
                            stream.write(shared.duplicate());
                        } catch (IOException e) {
                            // a stream gone: the benchmark's client closes them all at the end
                        }
                    }
                });
                writer.start();
                writers.add(writer);
            }
            for (Thread writer : writers) {
                writer.join();
            }
        }
    }

    private static void accept(ServerSocketChannel server, List<List<SocketChannel>> groups) {
        byte[] head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        try {
            for (int n = 0;; n++) {
                SocketChannel stream = server.accept();
                stream.setOption(StandardSocketOptions.TCP_NODELAY, true);
                stream.read(ByteBuffer.allocate(4096)); // the request, blocking: it is one small write
                stream.write(ByteBuffer.wrap(head));
                stream.configureBlocking(false);
                List<SocketChannel> group = groups.get(n % groups.size());
                synchronized (group) {
                    group.add(stream);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
