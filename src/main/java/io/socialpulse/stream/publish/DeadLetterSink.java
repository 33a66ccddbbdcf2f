package io.socialpulse.stream.publish;

import io.smallrye.mutiny.Uni;

/** Where bytes the pipeline cannot carry go, with the reason, instead of being dropped. */
public interface DeadLetterSink {

    /**
     * Stores {@code bytes} under {@code dead-letter/<kind>/...}; the returned stage completes once
     * they are durable. {@code name} must be unique and stable for the same bytes so a retry does
     * not store them twice.
     */
    Uni<Void> store(String kind, String name, byte[] bytes, String reason);
}
