package io.socialpulse.stream.read;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The waits of one shard's read (a backoff, the poll interval) that a stop cuts short: once the
 * stop is asked for, a long wait ends at once and the next ones are as short as Kinesis allows.
 */
final class ReadPause {

    /** GetRecords allows 5 calls a second per shard, SubscribeToShard one a second per consumer. */
    static final Duration SHORTEST = Duration.ofMillis(200);

    private volatile boolean stopping;
    private volatile CompletableFuture<Void> pausing;

    /** Waits {@code wait}, or less once the stop is asked for. */
    Uni<Void> pause(Duration wait) {
        if (stopping) {
            // Draining: as fast as Kinesis allows.
            wait = wait.isZero() ? wait : SHORTEST;
        }
        if (wait.isZero()) {
            return Uni.createFrom().voidItem();
        }
        if (stopping) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(wait);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledFuture<?> timer = Infrastructure.getDefaultWorkerPool().schedule(() -> done.complete(null),
                wait.toMillis(), TimeUnit.MILLISECONDS);
        pausing = done;
        if (stopping) {
            done.complete(null); // the stop came between the check above and now
        }
        return Uni.createFrom().completionStage(done).invoke(() -> {
            timer.cancel(false);
            pausing = null;
        });
    }

    /** The stop is asked for: a wait under way ends now, in the pool rather than on the stopping thread. */
    void stop() {
        stopping = true;
        CompletableFuture<Void> pause = pausing;
        if (pause != null) {
            Infrastructure.getDefaultWorkerPool().execute(() -> pause.complete(null));
        }
    }

    /**
     * Waits until every read in {@code done} has finished, or until {@code end}: those not finished
     * by then are given up, and resume from their checkpoint next time.
     */
    static void awaitAll(String stream, Map<String, CompletableFuture<Boolean>> done, long end) {
        try {
            CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new))
                    .get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            List<String> late = done.entrySet().stream().filter(d -> !d.getValue().isDone()).map(Map.Entry::getKey)
                    .sorted().toList();
            done.values().forEach(d -> d.cancel(false));
            Log.warnf("stream %s: shards %s did not commit within the stop budget; they resume from their checkpoint",
                    stream, late);
        } catch (Exception e) {
            Log.warnf("stream %s: stopping the reader failed (%s)", stream, e);
        }
    }
}
