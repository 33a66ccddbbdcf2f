package io.socialpulse.source;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.socialpulse.config.Role;
import io.socialpulse.config.RolesConfig;
import io.socialpulse.config.SourcesConfig;
import io.socialpulse.sentiment.Sentiment;
import io.socialpulse.source.kit.Secrets;
import io.socialpulse.stream.publish.KinesisPublisher;
import io.socialpulse.stream.publish.PublisherClosedException;
import io.socialpulse.stream.publish.StopWait;

/**
 * Runs every configured source on its own schedule. A run never overlaps the previous one, starts
 * after a small random delay so sources spread out, and keeps polling while a source says another
 * page is ready. Each page waits for the publisher before the cursor moves, so a full publisher
 * buffer slows the sources down.
 */
@Singleton
public class SourceRunner {

    private final Scheduler scheduler;
    private final KinesisPublisher publisher;
    private final SourcesConfig config;
    private final boolean enabled;
    private final List<Source> sources;
    private final Map<String, SourceStatus> status = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;

    SourceRunner(Scheduler scheduler, KinesisPublisher publisher, SourcesConfig config, RolesConfig roles,
            SourceFactory factory) {
        this.scheduler = scheduler;
        this.publisher = publisher;
        this.config = config;
        this.enabled = roles.runs(Role.SOURCES);
        this.sources = enabled ? factory.create() : List.of();
        for (Source source : sources) {
            SourceStatus state = new SourceStatus(source.id(), source.platform());
            status.put(source.id(), state);
            source.watch(state);
        }
    }

    void start(@Observes StartupEvent event) {
        for (Source source : sources) {
            scheduler.newJob("source-" + source.id())
                    .setInterval(source.interval().toMillis() + "ms")
                    .setConcurrentExecution(ConcurrentExecution.SKIP)
                    .setAsyncTask(execution -> run(source))
                    .schedule();
            Log.infof("source %s: polling every %s", source.id(), source.interval());
        }
    }

    /** One scheduled run: poll, publish, commit, and again while pages are ready. */
    Uni<Void> run(Source source) {
        long jitter = config.jitter().toMillis();
        // Mutiny refuses a delay of zero, which the draw gives now and then.
        long wait = jitter <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter + 1);
        Uni<Void> delay = wait == 0
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(wait));
        return delay.chain(() -> Multi.createBy().repeating().uni(() -> once(source)).until(more -> !more)
                .collect().last().replaceWithVoid())
                .onTermination().invoke(() -> status.get(source.id())
                        .nextPoll(Instant.now().plus(source.interval())))
                .onFailure().recoverWithUni(failure -> {
                    status.get(source.id()).failed(Secrets
                            .scrub(failure.getClass().getSimpleName() + ": " + failure.getMessage()));
                    if (failure instanceof PublisherClosedException) {
                        Log.infof("source %s: stopped with its cursor before the unpublished page", source.id());
                    } else {
                        Log.warnf(failure, "source %s: poll failed, trying again at the next interval", source.id());
                    }
                    return Uni.createFrom().voidItem();
                })
                .onSubscription().invoke(running::incrementAndGet)
                .onTermination().invoke(running::decrementAndGet);
    }

    private Uni<Boolean> once(Source source) {
        if (stopping) {
            return Uni.createFrom().item(false);
        }
        // Sentiment is scored once, here, so the lake keeps it and the trend view reuses it.
        return source.poll().chain(page -> publisher.publish(page.posts().stream().map(Sentiment::scored).toList())
                .chain(() -> source.commit(page))
                .map(ignored -> {
                    status.get(source.id()).polled(page);
                    Log.debugf("source %s: %d posts published, cursor %s", source.id(), page.posts().size(),
                            page.cursor());
                    return page.more() && !stopping;
                }));
    }

    public List<SourceStatus> status() {
        return sources.stream().map(s -> status.get(s.id())).filter(Objects::nonNull).toList();
    }

    /** Stops polling, first of the stop: a run in progress finishes its page or leaves its cursor. */
    public void stop() {
        stopping = true;
        for (Source source : sources) {
            status.get(source.id()).state(SourceStatus.State.STOPPED, null, null);
            scheduler.unscheduleJob("source-" + source.id());
        }
    }

    /**
     * Waits until {@code deadlineNanos} for runs in progress to end (once the publisher has
     * settled their pages, they commit cursors or leave them) and says where each cursor stays.
     */
    public void awaitRuns(long deadlineNanos) {
        StopWait.until(() -> running.get() == 0, deadlineNanos);
        for (SourceStatus source : status()) {
            Log.infof("source %s: stopped with its cursor at %s%s", source.id(),
                    source.cursor() == null ? "its start" : source.cursor(),
                    running.get() > 0 ? " (a run was still committing when the stop budget ran out)" : "");
        }
    }
}
