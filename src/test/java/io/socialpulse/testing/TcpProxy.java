package io.socialpulse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on a free loopback port in front of a real endpoint, for outages the client cannot
 * tell from the real thing. {@link #freeze()} keeps every connection open but relays nothing (a
 * black hole: requests time out); {@link #sever()} resets every connection and refuses new ones
 * until {@link #restore()}. {@link #delay(Duration)} holds every chunk from the client for a while
 * (a slow network), which widens the moments between the steps of a multi-request protocol.
 * {@link #throttle(long)} caps every connection's bytes per second each way (a link, or a stream
 * at its shard limits, that carries less than the service wants to send).
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;
    private volatile boolean severed;
    private volatile boolean closed;
    private volatile long delayMillis;
    private volatile long bytesPerSecond;

    private TcpProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    public static TcpProxy start(int targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
            Thread accept = new Thread(proxy::accept, "tcp-proxy-accept");
            accept.setDaemon(true);
            accept.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public void delay(Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** At most {@code bytesPerSecond} each way on every connection; 0 lifts the cap. */
    public void throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    public void freeze() {
        frozen = true;
    }

    public void sever() {
        severed = true;
        open.forEach(TcpProxy::reset);
        open.clear();
    }

    public synchronized void restore() {
        frozen = false;
        severed = false;
        notifyAll();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (severed) {
                    reset(client);
                    continue;
                }
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(upstream);
                relay(client, upstream, true);
                relay(upstream, client, false);
            } catch (IOException e) {
                if (!closed) {
                    continue; // the target refused one connection; the client sees it closed
                }
            }
        }
    }

    private void relay(Socket from, Socket to, boolean request) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer, 0, bytesPerSecond > 0 ? 4096 : buffer.length)) >= 0;) {
                    awaitThaw();
                    if (request && delayMillis > 0) {
                        Thread.sleep(delayMillis);
                    }
                    long cap = bytesPerSecond;
                    if (cap > 0) {
                        Thread.sleep(n * 1000L / cap);
                    }
                    if (severed) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended on one side; end the other below
            } finally {
                reset(from);
                reset(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized void awaitThaw() throws InterruptedException {
        while (frozen && !severed && !closed) {
            wait(200);
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        restore();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(TcpProxy::reset);
    }
}
