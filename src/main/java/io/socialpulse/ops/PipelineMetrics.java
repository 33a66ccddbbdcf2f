package io.socialpulse.ops;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.socialpulse.api.LiveTicks;
import io.socialpulse.config.KinesisConfig;
import io.socialpulse.lake.LakeStats;
import io.socialpulse.lake.LakeWriter;
import io.socialpulse.source.SourceRunner;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.stream.publish.KinesisPublisher;
import io.socialpulse.stream.publish.PublisherStats;
import io.socialpulse.stream.read.StreamReader;

/**
 * The pipeline's meters, read from the counters each part keeps, at {@code /q/metrics} in the
 * Prometheus format. The names are listed in the README.
 */
@Singleton
public class PipelineMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, KinesisConfig config,
            KinesisPublisher publisher, LakeWriter lake, StreamReader reader, SourceRunner sources, LiveTicks live,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        Tags stream = Tags.of("stream", config.stream().orElse(""));
        // Which build runs, for dashboards and for telling two versions apart during a deploy.
        Gauge.builder("socialpulse.build.info", () -> 1).strongReference(true)
                .tags("version", version, "java", Runtime.version().toString()).register(registry);
        PublisherStats p = publisher.stats();
        counter(registry, "socialpulse.publisher.records.put", stream, p, PublisherStats::recordsPut);
        counter(registry, "socialpulse.publisher.bytes.put", stream, p, PublisherStats::bytesPut);
        counter(registry, "socialpulse.publisher.requests", stream, p, PublisherStats::requests);
        counter(registry, "socialpulse.publisher.retried.entries", stream, p, PublisherStats::retriedEntries);
        counter(registry, "socialpulse.publisher.failed.requests", stream, p, PublisherStats::failedRequests);
        counter(registry, "socialpulse.publisher.dead.letters", stream, p, PublisherStats::deadLetteredCount);
        counter(registry, "socialpulse.publisher.buffer.full.waits", stream, p, PublisherStats::bufferFullWaits);
        counter(registry, "socialpulse.publisher.shard.throttles", stream, p, PublisherStats::shardThrottles);
        counter(registry, "socialpulse.publisher.budget.waits", stream, p, PublisherStats::budgetWaits);
        counter(registry, "socialpulse.publisher.shed.posts", stream, p, PublisherStats::shedPosts);
        Gauge.builder("socialpulse.publisher.buffer.records", publisher, KinesisPublisher::pending)
                .strongReference(true).tags(stream)
                .register(registry);
        Gauge.builder("socialpulse.publisher.buffer.bytes", publisher, KinesisPublisher::pendingBytes)
                .strongReference(true).tags(stream)
                .register(registry);
        DistributionSummary batchRecords = DistributionSummary
                .builder("socialpulse.publisher.batch.records").tags(stream).register(registry);
        DistributionSummary batchBytes = DistributionSummary
                .builder("socialpulse.publisher.batch.bytes").baseUnit("bytes").tags(stream).register(registry);
        p.onBatch((records, bytes) -> {
            batchRecords.record(records);
            batchBytes.record(bytes);
        });
        p.onNewCode((code, n) -> FunctionCounter.builder("socialpulse.publisher.failures", n, c -> c.get())
                .tags(stream.and("code", code)).register(registry));

        LakeStats l = lake.stats();
        counter(registry, "socialpulse.lake.objects", stream, l, LakeStats::objects);
        counter(registry, "socialpulse.lake.bytes", stream, l, LakeStats::bytes);
        counter(registry, "socialpulse.lake.records", stream, l, LakeStats::records);
        counter(registry, "socialpulse.lake.dead.letters", stream, l, LakeStats::poisonRecords);
        counter(registry, "socialpulse.lake.duplicates", stream, l, LakeStats::duplicates);
        counter(registry, "socialpulse.lake.rolls.lost", stream, l, LakeStats::rollsLost);
        l.onNewReason((reason, n) -> FunctionCounter.builder("socialpulse.lake.rolls", n, c -> c.sum())
                .tags(stream.and("reason", reason)).register(registry));
        counter(registry, "socialpulse.reader.expired.checkpoints", stream, reader, StreamReader::expiredCheckpoints);
        counter(registry, "socialpulse.reader.subscribes.refused", stream, reader, StreamReader::refusedSubscribes);
        // Seconds behind the tip; a shard this process does not read, or has had no answer from yet,
        // has no figure (its series goes away when the shard does), never a made-up one.
        Gauge.builder("socialpulse.reader.lag.max.seconds", reader, StreamReader::maxSecondsBehind)
                .strongReference(true).tags(stream).register(registry);
        Map<String, Gauge> lags = new ConcurrentHashMap<>();
        reader.onShards(shard -> lags.computeIfAbsent(shard,
                s -> Gauge.builder("socialpulse.reader.lag.seconds", reader, r -> r.secondsBehind(s))
                        .strongReference(true).tags(stream.and("shard", s)).register(registry)),
                shard -> {
                    Gauge gone = lags.remove(shard);
                    if (gone != null) {
                        registry.remove(gone);
                    }
                });

        for (SourceStatus source : sources.status()) {
            Tags tags = Tags.of("source", source.id(), "platform", source.platform());
            counter(registry, "socialpulse.source.posts", tags, source, SourceStatus::posts);
            counter(registry, "socialpulse.source.errors", tags, source, SourceStatus::errors);
            counter(registry, "socialpulse.source.quarantined.pages", tags, source, SourceStatus::quarantined);
            counter(registry, "socialpulse.source.duplicates", tags, source, SourceStatus::duplicates);
            // One series per state, 1 for the state the source is in: parked and failing sources alert here.
            for (SourceStatus.State state : SourceStatus.State.values()) {
                Gauge.builder("socialpulse.source.state", source, s -> s.state() == state ? 1 : 0)
                        .strongReference(true).tags(tags.and("state", state.name().toLowerCase(Locale.ROOT)))
                        .register(registry);
            }
        }
        Gauge.builder("socialpulse.sse.subscribers", live, LiveTicks::subscribers).strongReference(true)
                .register(registry);
    }

    private static <T> void counter(MeterRegistry registry, String name, Tags tags, T source,
            ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).tags(tags).register(registry);
    }
}
