package io.socialpulse.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WebSocket server on loopback that plays scripted sessions, one per connection: it records the
 * query the client connected with, sends the session's text messages, then closes (or keeps the
 * connection open when told to). RFC 6455 server side only, enough for a streaming source's tests.
 */
public final class WebSocketScript implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final List<List<String>> sessions = new ArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final boolean keepOpen;

    public WebSocketScript(boolean keepOpen) throws IOException {
        this.keepOpen = keepOpen;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "websocket-script");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Adds the messages the next connection gets. */
    public synchronized WebSocketScript session(List<String> messages) {
        sessions.add(messages);
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The query string of each connection so far, in order. */
    public List<String> queries() {
        return queries;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread session = new Thread(() -> play(socket), "websocket-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void play(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            String key = null;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            queries.add(target.contains("?") ? target.substring(target.indexOf('?') + 1) : "");
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            List<String> script;
            synchronized (this) {
                script = sessions.isEmpty() ? List.of() : sessions.remove(0);
            }
            for (String message : script) {
                frame(out, 0x81, message.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            if (keepOpen) {
                while (in.read() >= 0) {
                    // hold the connection until the client or the test closes it
                }
                return;
            }
            Thread.sleep(300);
            frame(out, 0x88, new byte[]{0x03, (byte) 0xE8}); // close, 1000 normal
            out.flush();
            Thread.sleep(100);
        } catch (Exception e) {
            // the client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0;) {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            if (matched == 4) {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
        out.write(opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        out.write(payload);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
