package io.socialpulse.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds; the deadline only bounds the wait, no assertion depends on timing. */
public final class Eventually {

    private Eventually() {
    }

    public static <T> T get(Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastFailure = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            Emulators.sleep(Duration.ofMillis(250));
        }
        if (last != null) {
            return last; // the caller's assertions say what is missing
        }
        throw new AssertionError("nothing observed within " + timeout, lastFailure);
    }
}
