package io.socialpulse.stream.publish;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/** One timer that runs the dispatcher's pump again when something held becomes due. */
final class Wakeup {

    private final Runnable pump;
    private long wakeAt = Long.MAX_VALUE;

    Wakeup(Runnable pump) {
        this.pump = pump;
    }

    /** Runs the pump at {@code at} (nanoTime), unless a run is already due by then. */
    synchronized void at(long at, long now) {
        if (at >= wakeAt && wakeAt > now) {
            return;
        }
        wakeAt = at;
        Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(Math.max(1_000_000, at - now)))
                .subscribe().with(ignored -> {
                    synchronized (this) {
                        if (wakeAt == at) {
                            wakeAt = Long.MAX_VALUE;
                        }
                    }
                    pump.run();
                });
    }
}
