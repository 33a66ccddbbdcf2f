package io.socialpulse.ops;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.socialpulse.config.MetricsConfig;

/**
 * The service's own meters ({@code socialpulse.*}) in CloudWatch's embedded metric format, for
 * users without Prometheus: every {@code METRICS_EMF_INTERVAL}, one JSON line per set of tags on
 * standard output, which the {@code awslogs} driver carries to CloudWatch Logs, where they become
 * metrics. Counters are written as their growth since the last line (CloudWatch sums them per
 * period); gauges as they read, and not at all while they have no figure (NaN). Tags become
 * dimensions. Timers and distributions stay on {@code /q/metrics}.
 */
@Singleton
public class EmfMetrics {

    /** At most this many metrics in one directive (the specification's limit). */
    static final int METRICS_PER_LINE = 100;

    private final Map<Meter.Id, Double> lastCounts = new HashMap<>();
    private ScheduledExecutorService writer;

    void start(@Observes StartupEvent event, MetricsConfig config, MeterRegistry registry) {
        if (!config.emf()) {
            return;
        }
        writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "metrics-emf");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.emfInterval().toMillis();
        writer.scheduleAtFixedRate(() -> write(registry, config.emfNamespace(), System.out), every, every,
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event, MetricsConfig config, MeterRegistry registry) {
        if (writer != null) {
            writer.shutdownNow();
            write(registry, config.emfNamespace(), System.out); // the last interval's growth
        }
    }

    private synchronized void write(MeterRegistry registry, String namespace, PrintStream out) {
        try {
            for (String line : lines(registry, namespace, System.currentTimeMillis())) {
                out.println(line);
            }
            out.flush();
        } catch (RuntimeException e) {
            Log.warnf("metrics: writing the embedded metric format failed: %s", e.toString());
        }
    }

    /** The lines for the meters as they read now; counters as their growth since the last call. */
    synchronized List<String> lines(MeterRegistry registry, String namespace, long timestamp) {
        // Meters grouped by their tags: each group is one set of dimensions.
        Map<Map<String, String>, Map<String, Object[]>> groups = new TreeMap<>(
                Comparator.comparing(Object::toString));
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            if (!id.getName().startsWith("socialpulse.") || id.getName().equals("socialpulse.build.info")) {
                continue;
            }
            Double value = null;
            String unit;
            if (meter instanceof Counter || meter instanceof FunctionCounter) {
                double count = meter instanceof Counter c ? c.count() : ((FunctionCounter) meter).count();
                Double last = lastCounts.put(id, count);
                value = Math.max(0, count - (last == null ? 0 : last));
                unit = "Count";
            } else if (meter instanceof Gauge gauge) {
                double reading = gauge.value();
                value = Double.isFinite(reading) ? reading : null;
                unit = unit(id.getName());
            } else {
                continue;
            }
            if (value == null) {
                continue;
            }
            Map<String, String> tags = new TreeMap<>();
            for (Tag tag : id.getTags()) {
                if (!tag.getValue().isEmpty()) { // CloudWatch takes no empty dimension value
                    tags.put(tag.getKey(), tag.getValue());
                }
            }
            groups.computeIfAbsent(tags, t -> new TreeMap<>()).put(id.getName().substring("socialpulse.".length()),
                    new Object[]{value, unit});
        }
        List<String> lines = new ArrayList<>();
        groups.forEach((tags, metrics) -> {
            List<Map.Entry<String, Object[]>> all = new ArrayList<>(metrics.entrySet());
            for (int from = 0; from < all.size(); from += METRICS_PER_LINE) {
                lines.add(line(namespace, timestamp, tags, all.subList(from,
                        Math.min(all.size(), from + METRICS_PER_LINE))));
            }
        });
        return lines;
    }

    private static String line(String namespace, long timestamp, Map<String, String> tags,
            List<Map.Entry<String, Object[]>> metrics) {
        List<Map<String, String>> definitions = new ArrayList<>();
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Object[]> metric : metrics) {
            definitions.add(Map.of("Name", metric.getKey(), "Unit", (String) metric.getValue()[1]));
        }
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", List.of(List.copyOf(tags.keySet())));
        directive.put("Metrics", definitions);
        root.put("_aws", Map.of("Timestamp", timestamp, "CloudWatchMetrics", List.of(directive)));
        root.putAll(tags);
        for (Map.Entry<String, Object[]> metric : metrics) {
            root.put(metric.getKey(), metric.getValue()[0]);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unit(String name) {
        if (name.endsWith(".seconds")) {
            return "Seconds";
        }
        return name.endsWith(".bytes") ? "Bytes" : "None";
    }

    private static final ObjectMapper JSON = new ObjectMapper();
}
