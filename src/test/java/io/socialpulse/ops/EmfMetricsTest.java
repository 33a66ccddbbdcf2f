package io.socialpulse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The meters in CloudWatch's embedded metric format, checked against AWS's published schema
 * (fixtures/cloudwatch) and the rules its specification states in prose.
 */
class EmfMetricsTest {

    private final ObjectMapper json = new ObjectMapper();

    private static Schema schema() throws Exception {
        try (InputStream in = EmfMetricsTest.class.getResourceAsStream("/fixtures/cloudwatch/emf-schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
    }

    /** Every line valid, and its values: metric name to value, per set of dimension values. */
    private Map<Map<String, String>, Map<String, Double>> read(List<String> lines) throws Exception {
        Schema schema = schema();
        Map<Map<String, String>, Map<String, Double>> read = new HashMap<>();
        for (String line : lines) {
            assertEquals(List.of(), schema.validate(line, InputFormat.JSON).stream().map(Object::toString).toList(),
                    line);
            JsonNode root = json.readTree(line);
            JsonNode directive = root.at("/_aws/CloudWatchMetrics/0");
            assertEquals("SocialPulse", directive.get("Namespace").asText());
            Map<String, String> dimensions = new HashMap<>();
            for (JsonNode key : directive.at("/Dimensions/0")) {
                assertTrue(root.path(key.asText()).isTextual(), "a dimension's target is a string: " + line);
                assertFalse(root.get(key.asText()).asText().isEmpty(), line);
                dimensions.put(key.asText(), root.get(key.asText()).asText());
            }
            assertTrue(directive.get("Metrics").size() <= 100, "at most 100 metrics per directive");
            for (JsonNode metric : directive.get("Metrics")) {
                String name = metric.get("Name").asText();
                assertTrue(root.path(name).isNumber(), "a metric's target is a number on the root: " + line);
                read.computeIfAbsent(dimensions, d -> new HashMap<>()).put(name, root.get(name).asDouble());
            }
        }
        return read;
    }

    @Test
    void countersAreWrittenAsTheirGrowthAndGaugesAsTheyRead() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        Counter records = registry.counter("socialpulse.lake.records", "stream", "posts");
        AtomicLong put = new AtomicLong();
        FunctionCounter.builder("socialpulse.publisher.records.put", put, AtomicLong::get).tag("stream", "posts")
                .register(registry);
        double[] lag = {Double.NaN};
        Gauge.builder("socialpulse.reader.lag.seconds", lag, l -> l[0]).tags("stream", "posts", "shard", "s-0")
                .register(registry);
        registry.counter("jvm.gc.pause.count").increment(); // not ours: left to /q/metrics
        Gauge.builder("socialpulse.build.info", () -> 1).tag("version", "1.0").register(registry);
        EmfMetrics emf = new EmfMetrics();

        records.increment(5);
        put.set(40);
        Map<Map<String, String>, Map<String, Double>> first = read(
                emf.lines(registry, "SocialPulse", 1_700_000_000_000L));
        assertEquals(Map.of(Map.of("stream", "posts"), Map.of("lake.records", 5.0, "publisher.records.put", 40.0)),
                first, "a gauge without a figure is left out, as are other meters");

        records.increment(2);
        put.set(41);
        lag[0] = 1.5;
        Map<Map<String, String>, Map<String, Double>> second = read(
                emf.lines(registry, "SocialPulse", 1_700_000_060_000L));
        assertEquals(Map.of("lake.records", 2.0, "publisher.records.put", 1.0), second.get(Map.of("stream", "posts")));
        assertEquals(Map.of("reader.lag.seconds", 1.5), second.get(Map.of("stream", "posts", "shard", "s-0")));
    }

    @Test
    void manyMetricsSplitIntoLinesOfAtMostAHundred() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        List<Counter> counters = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            counters.add(registry.counter("socialpulse.test.c" + i));
        }
        counters.forEach(c -> c.increment(3));
        List<String> lines = new EmfMetrics().lines(registry, "SocialPulse", 1_700_000_000_000L);
        assertEquals(3, lines.size());
        assertEquals(230, read(lines).get(Map.of()).size());
    }

    @Test
    void anEmptyTagIsNoDimension() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        registry.counter("socialpulse.lake.objects", "stream", "").increment();
        assertEquals(Map.of(Map.of(), Map.of("lake.objects", 1.0)),
                read(new EmfMetrics().lines(registry, "SocialPulse", 1_700_000_000_000L)));
    }
}
