package io.socialpulse.stream.publish;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Requests sent and not answered yet, so that a stop can abort them before the client closes. */
final class Unanswered {

    private final Set<CompletableFuture<?>> open = new HashSet<>();

    /** Holds {@code request} until it completes, however it completes. */
    <T> CompletableFuture<T> track(CompletableFuture<T> request) {
        synchronized (open) {
            open.add(request);
        }
        request.whenComplete((answer, failure) -> {
            synchronized (open) {
                open.remove(request);
            }
        });
        return request;
    }

    int count() {
        synchronized (open) {
            return open.size();
        }
    }

    /** Cancels every open request; the SDK aborts each one's HTTP/2 stream. */
    void abortAll() {
        List<CompletableFuture<?>> now;
        synchronized (open) {
            now = List.copyOf(open);
        }
        now.forEach(request -> request.cancel(true));
    }
}
