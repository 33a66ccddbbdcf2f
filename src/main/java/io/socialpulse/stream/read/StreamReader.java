package io.socialpulse.stream.read;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.socialpulse.config.KinesisConfig;
import io.socialpulse.config.Role;
import io.socialpulse.config.RolesConfig;
import io.socialpulse.stream.PutRecordsErrors;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Owns every shard of the stream in this process, or those a {@link ShardAssignment} gives it:
 * lists the shards, reads each one, and follows resharding by starting a child only once its
 * parents have been read to their end (or are gone from the stream). Runs when this process has the
 * {@code lake} or {@code trends} role.
 */
@Singleton
public class StreamReader {

    private final KinesisAsyncClient client;
    private final ReaderSettings settings;
    private final List<ShardListener> listeners;
    private final Optional<CheckpointSource> checkpoints;
    private final Optional<ShardAssignment> assignment;
    private final boolean enabled;
    private final Map<String, ShardRead> running = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Boolean>> done = new ConcurrentHashMap<>();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private final AtomicLong expired = new AtomicLong();
    private volatile boolean stopping;
    private volatile Consumer<String> shardStarted = id -> {
    };
    private volatile Consumer<String> shardStopped = id -> {
    };
    private Cancellable refresher;
    /** The enhanced fan-out consumer this process reads through; null when it polls. */
    private final StreamConsumer consumer;

    @Inject
    StreamReader(KinesisAsyncClient client, KinesisConfig config, RolesConfig roles, Instance<ShardListener> listeners,
            Instance<CheckpointSource> checkpoints, Instance<ShardAssignment> assignments) {
        this(client, config.stream().isPresent() ? ReaderSettings.of(config, roles.runs(Role.LAKE)) : null,
                listeners.stream().filter(ShardListener::enabled).toList(),
                checkpoints.stream().filter(CheckpointSource::enabled).findFirst(),
                roles.runs(Role.LAKE) || roles.runs(Role.TRENDS),
                assignments.stream().filter(ShardAssignment::enabled).findFirst());
    }

    StreamReader(KinesisAsyncClient client, ReaderSettings settings, List<ShardListener> listeners,
            Optional<CheckpointSource> checkpoints, boolean enabled, Optional<ShardAssignment> assignment) {
        this.assignment = assignment;
        this.client = client;
        this.settings = settings;
        this.listeners = listeners;
        this.checkpoints = checkpoints;
        this.enabled = enabled;
        this.consumer = settings == null || settings.fanOut() == null
                ? null
                : new StreamConsumer(client, settings.stream(), settings.fanOut().name(),
                        settings.fanOut().ownedByTask());
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        Duration every = assignment.map(ShardAssignment::every).filter(a -> a.compareTo(settings.shardRefresh()) < 0)
                .orElse(settings.shardRefresh());
        refresher = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(every)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> refresh().onFailure().recoverWithUni(failure -> {
                    Log.warnf("stream %s: listing or assigning shards failed (%s), trying again in %s",
                            settings.stream(), PutRecordsErrors.code(failure), every);
                    return Uni.createFrom().voidItem();
                }))
                .subscribe().with(ignored -> {
                });
    }

    /**
     * Lists the shards and starts reading every shard that is ready and not yet read; with an
     * assignment, only those it gives this process, stopping those it no longer does.
     */
    Uni<Void> refresh() {
        return ShardList.of(client, settings.stream()).chain(shards -> assignment.map(a -> a.assign(shards))
                .orElseGet(() -> Uni.createFrom().nullItem()).invoke(mine -> startReady(shards, mine)))
                .replaceWithVoid();
    }

    /** Starts the shards ready to read ({@code mine}: of those, the ones given to this process; null: all). */
    private synchronized void startReady(List<Shard> shards, Set<String> mine) {
        Set<String> listed = ConcurrentHashMap.newKeySet();
        shards.forEach(s -> listed.add(s.shardId()));
        if (mine != null && !stopping) {
            running.forEach((id, loop) -> {
                if (!mine.contains(id)) {
                    Log.infof("stream %s shard %s: handed to another process", settings.stream(), id);
                    loop.stop(System.nanoTime());
                }
            });
        }
        for (Shard shard : shards) {
            String id = shard.shardId();
            if (stopping || running.containsKey(id) || ended.contains(id) || mine != null && !mine.contains(id)) {
                continue;
            }
            if (mine == null && (waitsFor(shard.parentShardId(), listed)
                    || waitsFor(shard.adjacentParentShardId(), listed))) {
                continue;
            }
            ShardRead loop = consumer == null
                    ? new ShardLoop(id, settings, client, listeners, checkpoints)
                    : new ShardSubscription(id, settings, client, listeners,
                            new ShardStart(id, settings, client, checkpoints), consumer);
            running.put(id, loop);
            shardStarted.accept(id);
            CompletableFuture<Boolean> finished = loop.run().subscribeAsCompletionStage();
            done.put(id, finished);
            finished.whenComplete((wasEnded, failure) -> finished(id, Boolean.TRUE.equals(wasEnded), failure));
        }
    }

    private boolean waitsFor(String parent, Set<String> listed) {
        return parent != null && listed.contains(parent) && !ended.contains(parent);
    }

    private void finished(String shardId, boolean wasEnded, Throwable failure) {
        ShardRead loop = running.remove(shardId);
        if (loop != null) {
            expired.addAndGet(loop.expiredCheckpoints());
            shardStopped.accept(shardId);
        }
        if (failure != null && !(stopping && failure instanceof CancellationException)) {
            Log.errorf(failure, "stream %s shard %s: reading stopped", settings.stream(), shardId);
        }
        assignment.filter(a -> !stopping).ifPresent(a -> a.finished(shardId, wasEnded).subscribe().with(ignored -> {
        }, f -> Log.warnf("stream %s shard %s: handing over failed (%s)", settings.stream(), shardId, f)));
        if (wasEnded) {
            ended.add(shardId);
            Log.infof("stream %s shard %s: read to its end; starting its children", settings.stream(), shardId);
            if (!stopping) {
                refresh().subscribe().with(ignored -> {
                }, f -> Log.warnf("stream %s: listing shards failed: %s", settings.stream(), f.getMessage()));
            }
        }
    }

    /**
     * How far behind the tip the last read of {@code shardId} was, in seconds; NaN before its first
     * answer, or when this process does not read it.
     */
    public double secondsBehind(String shardId) {
        ShardRead loop = running.get(shardId);
        long millis = loop == null ? -1 : loop.millisBehind();
        return millis < 0 ? Double.NaN : millis / 1000.0;
    }

    /** The largest lag over the shards read and answered, in seconds; NaN when there is none. */
    public double maxSecondsBehind() {
        OptionalLong max = running.values().stream().mapToLong(ShardRead::millisBehind).filter(m -> m >= 0).max();
        return max.isPresent() ? max.getAsLong() / 1000.0 : Double.NaN;
    }

    /**
     * Called with each shard's id when this process starts reading it (and now for those it reads),
     * and when it stops.
     */
    public void onShards(Consumer<String> started, Consumer<String> stopped) {
        shardStopped = stopped;
        shardStarted = started;
        running.keySet().forEach(started);
    }

    /** Checkpoints found no longer in the stream, in all shards since start. */
    public long expiredCheckpoints() {
        return expired.get() + running.values().stream().mapToLong(ShardRead::expiredCheckpoints).sum();
    }

    /** Subscribes Kinesis refused for being too soon or too many (enhanced fan-out), since start. */
    public long refusedSubscribes() {
        return consumer == null ? 0 : consumer.refusals();
    }

    /** Shards being read now. */
    public Set<String> shards() {
        return Set.copyOf(running.keySet());
    }

    /** Stops every shard loop within {@code budget}: half of it to read on to the tips, the rest to commit. */
    public void stop(Duration budget) {
        long now = System.nanoTime();
        stop(now + budget.toNanos() / 2, now + budget.toNanos());
    }

    /**
     * Reads each shard on to its tip until {@code drainUntil}, so that what the publisher flushed
     * reaches the listeners; then the listeners commit what they hold, until {@code end}. A shard
     * whose commit is not done by then is given up: it resumes from its checkpoint next time, and
     * nothing of it runs on while the process closes its clients.
     */
    public void stop(long drainUntil, long end) {
        stopping = true;
        if (refresher != null) {
            refresher.cancel();
        }
        Map<String, ShardRead> loops = Map.copyOf(running);
        loops.values().forEach(loop -> loop.stop(drainUntil));
        ReadPause.awaitAll(settings.stream(), done, end);
        List<String> behind = loops.entrySet().stream().filter(l -> !l.getValue().caughtUp()).map(Map.Entry::getKey)
                .sorted().toList();
        Duration left = Duration.ofMillis(Math.max(100, (end - System.nanoTime()) / 1_000_000));
        if (consumer != null) {
            consumer.release().ifNoItem().after(left).recoverWithItem((Void) null).await().indefinitely();
        }
        assignment.ifPresent(a -> a.leave().ifNoItem().after(left).recoverWithItem((Void) null)
                .onFailure().recoverWithItem((Void) null).await().indefinitely());
        if (!behind.isEmpty()) {
            Log.warnf("stream %s: shards %s were not read within the stop budget up to their tip; the rest waits in"
                    + " the stream past the checkpoint", settings.stream(), behind);
        }
    }

    /** Whether this process reads the stream (it runs the lake or trends role). */
    public boolean enabled() {
        return enabled;
    }
}
