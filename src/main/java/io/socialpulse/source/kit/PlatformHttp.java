package io.socialpulse.source.kit;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.smallrye.mutiny.Uni;

/**
 * Non-blocking HTTP for the platform connectors, with a cap on the size of an answer: a body past
 * the cap is abandoned mid-stream and reported, so one runaway response cannot take the heap.
 * The timeout covers the whole answer, body included, so a server that sends its headers and then
 * stalls cannot hold a source. Redirects are followed only within the origin asked (a Mastodon
 * instance is a third party and must not send the poller to other hosts). Connection faults and
 * timeouts come back as {@link PlatformException.Kind#TRANSIENT}.
 */
public final class PlatformHttp {

    private static final String AGENT = "social-pulse/1.0 (+https://github.com/social-pulse)";
    private static final int MAX_REDIRECTS = 3;

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;

    public PlatformHttp(Duration timeout, int maxBytes) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** {@code SOURCES_TIMEOUT}: the longest a whole answer may take. */
    /** The largest answer read ({@code SOURCES_MAX_RESPONSE_BYTES}). */
    public int maxBytes() {
        return maxBytes;
    }

    public Duration timeout() {
        return timeout;
    }

    public Uni<HttpAnswer> get(URI uri, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(uri).GET(), uri, headers);
    }

    public Uni<HttpAnswer> post(URI uri, Map<String, String> headers, String contentType, byte[] body) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", contentType);
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body)), uri, all);
    }

    private Uni<HttpAnswer> send(HttpRequest.Builder request, URI uri, Map<String, String> headers) {
        request.timeout(timeout).header("Accept", "application/json");
        if (!headers.containsKey("User-Agent")) {
            request.header("User-Agent", AGENT);
        }
        headers.forEach(request::header);
        HttpRequest built = request.build();
        return Uni.createFrom().completionStage(() -> exchange(built, MAX_REDIRECTS))
                .onFailure(f -> !(f instanceof PlatformException)).transform(f -> fault(uri, f, timeout));
    }

    private CompletionStage<HttpAnswer> exchange(HttpRequest request, int redirectsLeft) {
        CappedBody body = new CappedBody(maxBytes);
        return client.sendAsync(request, info -> body)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        body.abandon(); // a stalled body frees its connection
                    }
                })
                .thenCompose(response -> {
                    Map<String, List<String>> headers = new HashMap<>();
                    response.headers().map()
                            .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
                    HttpAnswer answer = new HttpAnswer(request.uri(), response.statusCode(), headers, response.body());
                    URI next = redirect(answer);
                    if (next == null) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    if (!sameOrigin(request.uri(), next) || redirectsLeft == 0) {
                        return CompletableFuture.failedFuture(PlatformException.of(PlatformException.Kind.REQUEST,
                                "answered " + answer.status() + " with a redirect to " + next.getScheme() + "://"
                                        + next.getHost() + ", not followed (only redirects within "
                                        + request.uri().getHost() + " are, at most " + MAX_REDIRECTS + ")"));
                    }
                    return exchange(HttpRequest.newBuilder(request, (name, value) -> true).uri(next).build(),
                            redirectsLeft - 1);
                });
    }

    private static URI redirect(HttpAnswer answer) {
        if (answer.status() < 300 || answer.status() > 399 || answer.status() == 304) {
            return null;
        }
        List<String> location = answer.headers().get("location");
        if (location == null || location.isEmpty()) {
            return null;
        }
        try {
            return answer.uri().resolve(location.get(0));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    static Throwable fault(URI uri, Throwable failure, Duration timeout) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof PlatformException) {
            return cause;
        }
        // The client's own deadline (no headers in time) and ours (no whole body in time) read alike.
        String what = cause instanceof TimeoutException || cause instanceof HttpTimeoutException
                ? "no complete answer within SOURCES_TIMEOUT (" + timeout.toSeconds() + " s)"
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return PlatformException.of(PlatformException.Kind.TRANSIENT,
                "request to " + uri.getHost() + uri.getPath() + " failed: " + what);
    }

    /** Collects a body up to a limit; past it, cancels the transfer and fails. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(PlatformException.of(PlatformException.Kind.MALFORMED,
                            "answer larger than SOURCES_MAX_RESPONSE_BYTES (" + max + " bytes); page not read"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        /** Gives up the transfer: the deadline passed before the body was complete. */
        void abandon() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
