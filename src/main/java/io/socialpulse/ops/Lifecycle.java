package io.socialpulse.ops;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.socialpulse.config.StopOrder;

/** Knows when the process is stopping, first of all, so readiness turns DOWN before anything else stops. */
@Singleton
public class Lifecycle {

    private volatile boolean stopping;

    /** Created at startup, so that the hook is in place before any stop. */
    void start(@Observes StartupEvent event) {
        // SIGTERM reaches this hook before Quarkus fires its ShutdownEvent: readiness goes DOWN first.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopping = true, "readiness-down"));
    }

    void onStop(@Observes @Priority(StopOrder.READINESS) ShutdownEvent event) {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }
}
