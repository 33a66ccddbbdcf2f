package io.socialpulse.stream.publish;

import java.util.function.BooleanSupplier;

/** Waits on the shutdown thread, never in the pipeline, for a condition or a deadline. */
public final class StopWait {

    private StopWait() {
    }

    /** Returns once {@code done} holds or {@link System#nanoTime()} passes {@code deadlineNanos}. */
    public static void until(BooleanSupplier done, long deadlineNanos) {
        while (!done.getAsBoolean() && System.nanoTime() < deadlineNanos) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
