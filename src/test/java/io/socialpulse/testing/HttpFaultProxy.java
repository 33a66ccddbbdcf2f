package io.socialpulse.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 relay on a free loopback port in front of a real endpoint that answers chosen
 * requests with a fault a given number of times and passes every other request on byte for byte.
 * WireMock cannot stand here for S3 multipart uploads: it gunzips any request body that starts
 * with the gzip magic bytes, and the first part of a gzip object is a gzip stream cut short. Each
 * connection carries one request ({@code Connection: close} is set on the way through), so every
 * request's head is seen.
 */
public final class HttpFaultProxy implements AutoCloseable {

    /** The method and target of one request, e.g. {@code PUT /bucket/key?partNumber=1&uploadId=u}. */
    public record Request(String method, String target) {
    }

    private record Rule(Predicate<Request> matches, AtomicInteger remaining, int status, String code) {
    }

    private final ServerSocket server;
    private final int targetPort;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Request> seen = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private HttpFaultProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    public static HttpFaultProxy start(int targetPort) {
        try {
            HttpFaultProxy proxy = new HttpFaultProxy(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()),
                    targetPort);
            Thread accept = new Thread(proxy::accept, "http-fault-proxy");
            accept.setDaemon(true);
            accept.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The next {@code times} requests matching get an S3 error document with {@code status} and {@code code}. */
    public void fail(Predicate<Request> matches, int times, int status, String code) {
        rules.add(new Rule(matches, new AtomicInteger(times), status, code));
    }

    /** The next {@code times} requests matching have their connection reset before any answer. */
    public void reset(Predicate<Request> matches, int times) {
        rules.add(new Rule(matches, new AtomicInteger(times), 0, null));
    }

    /** Requests whose method is {@code method} and whose target matches {@code target}. */
    public static Predicate<Request> request(String method, String target) {
        Pattern pattern = Pattern.compile(target);
        return r -> r.method().equals(method) && pattern.matcher(r.target()).matches();
    }

    /** How many requests that reached this proxy match, faulted or passed on. */
    public long count(Predicate<Request> matches) {
        return seen.stream().filter(matches).count();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> handle(client), "http-fault-proxy-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            Request request = new Request(requestLine[0], requestLine[1]);
            seen.add(request);
            for (Rule rule : rules) {
                if (rule.matches().test(request) && rule.remaining().getAndDecrement() > 0) {
                    answer(client, in, head, rule);
                    return;
                }
            }
            pass(client, in, head);
        } catch (IOException e) {
            // one side went away; the client sees its connection end
        }
    }

    private void answer(Socket client, InputStream in, String head, Rule rule) throws IOException {
        if (rule.status() == 0) {
            client.setSoLinger(true, 0); // a reset, as a load balancer's dropped connection
            return;
        }
        String lower = head.toLowerCase(Locale.ROOT);
        if (!lower.contains("\r\nexpect: 100-continue")) {
            in.readNBytes((int) contentLength(lower)); // take the body, so closing does not reset
        }
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + rule.code()
                + "</Code><Message>injected</Message><RequestId>fault</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 " + rule.status() + " Injected\r\nContent-Type: application/xml\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private void pass(Socket client, InputStream in, String head) throws IOException {
        StringBuilder rewritten = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("connection:") && !line.isEmpty()) {
                rewritten.append(line).append("\r\n");
            }
        }
        rewritten.append("Connection: close\r\n\r\n");
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            upstream.getOutputStream().write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
            Thread up = new Thread(() -> copy(in, upstream), "http-fault-proxy-up");
            up.setDaemon(true);
            up.start();
            upstream.getInputStream().transferTo(client.getOutputStream());
        }
    }

    private static void copy(InputStream in, Socket upstream) {
        try {
            in.transferTo(upstream.getOutputStream());
        } catch (IOException e) {
            // the exchange ended
        }
    }

    private static long contentLength(String lowerHead) {
        for (String line : lowerHead.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }

    /** The request head up to and including the blank line, or null if the connection closed first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0;) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
