package io.socialpulse.stream.publish;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Completes when every post of a page has been accepted by Kinesis or stored as a dead letter. */
final class PageAck {

    private final AtomicInteger remaining;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    PageAck(int posts) {
        remaining = new AtomicInteger(posts);
        if (posts == 0) {
            done.complete(null);
        }
    }

    void settled() {
        if (remaining.decrementAndGet() == 0) {
            done.complete(null);
        }
    }

    void failed(Throwable failure) {
        done.completeExceptionally(failure);
    }

    CompletableFuture<Void> done() {
        return done;
    }
}
