package io.socialpulse.source.platform;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import io.smallrye.mutiny.Uni;

/**
 * Non-blocking HTTP for the platform connectors, with a cap on the size of an answer: a body past
 * the cap is abandoned mid-stream and reported, so one runaway response cannot take the heap.
 * Connection faults and timeouts come back as {@link PlatformException.Kind#TRANSIENT}.
 */
public final class PlatformHttp {

    private static final String AGENT = "social-pulse/1.0 (+https://github.com/social-pulse)";

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;

    public PlatformHttp(Duration timeout, int maxBytes) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
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
        return Uni.createFrom().completionStage(() -> exchange(built))
                .onFailure(f -> !(f instanceof PlatformException)).transform(f -> fault(uri, f));
    }

    private CompletionStage<HttpAnswer> exchange(HttpRequest request) {
        return client.sendAsync(request, info -> new CappedBody(maxBytes)).thenApply(response -> {
            Map<String, List<String>> headers = new HashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            return new HttpAnswer(request.uri(), response.statusCode(), headers, response.body());
        });
    }

    private static Throwable fault(URI uri, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof PlatformException) {
            return cause;
        }
        String what = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return PlatformException.of(PlatformException.Kind.TRANSIENT,
                "request to " + uri.getHost() + uri.getPath() + " failed: " + what);
    }

    /** Collects a body up to a limit; past it, cancels the transfer and fails. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

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
