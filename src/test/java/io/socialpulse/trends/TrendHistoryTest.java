package io.socialpulse.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.socialpulse.config.TrendsConfig;
import io.socialpulse.source.demo.DemoGenerator;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Lake;

import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The trend view's minutes in the lake: one object per minute and task, read back by DuckDB. */
class TrendHistoryTest {

    private static final Instant T = Instant.parse("2026-12-03T14:05:00Z");

    @TempDir
    Path local;

    @Test
    void eachMinuteIsWrittenOnceAndAnsweredByAQueryEngine() throws Exception {
        TrendView view = new TrendView(new SmallRyeConfigBuilder().withMapping(TrendsConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()).build()
                .getConfigMapping(TrendsConfig.class));
        DemoGenerator demo = new DemoGenerator(4);
        for (int i = 0; i < 500; i++) {
            view.count(demo.post(i, T, null), T.plusSeconds(10));
        }
        HubEvent first = view.tick(T.plusSeconds(20), 0);
        HubEvent last = view.tick(T.plusSeconds(58), 0);
        HubEvent next = view.tick(T.plusSeconds(62), 0); // the first tick of 14:06 closes 14:05
        String topTag = last.scopes().get(HubEvent.key("all", "1m")).top().get(0).tag();

        Emulators emulators = Emulators.get();
        String bucket = emulators.createBucket("history");
        try (S3AsyncClient s3 = S3AsyncClient.builder().region(Emulators.REGION)
                .credentialsProvider(Emulators.credentials()).endpointOverride(emulators.s3Endpoint())
                .forcePathStyle(true).build(); S3Client sync = emulators.s3()) {
            TrendHistory history = new TrendHistory(new ObjectStore(s3, bucket), "lake", "task-a");
            assertFalse(history.onTick(first).await().indefinitely());
            assertFalse(history.onTick(last).await().indefinitely(), "the same minute: held, not written");
            assertTrue(history.onTick(next).await().indefinitely(), "14:05 written at the first tick of 14:06");
            TrendHistory restarted = new TrendHistory(new ObjectStore(s3, bucket), "lake", "task-a");
            restarted.onTick(last).await().indefinitely();
            assertFalse(restarted.onTick(next).await().indefinitely(), "a minute is written once per task");

            List<String> keys = Lake.keys(sync, bucket, "lake/trends/");
            assertEquals(List.of("lake/trends/dt=2026-12-03/hour=14/task-a-1405.jsonl.gz"), keys);
            for (String key : keys) {
                Path file = local.resolve(key);
                Files.createDirectories(file.getParent());
                Files.write(file, sync.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = db.createStatement()) {
            statement.execute("CREATE VIEW social_pulse_trends AS SELECT * FROM read_json('" + local
                    + "/lake/trends/**/*.jsonl.gz', format = 'newline_delimited', hive_partitioning = true,"
                    + " hive_types_autocast = false)");
            // What was on top at 14:05, over all platforms.
            try (ResultSet top = statement.executeQuery("SELECT top[1].tag, posts, len(accounts) FROM"
                    + " social_pulse_trends WHERE dt = '2026-12-03' AND hour = '14' AND scope = 'all'"
                    + " AND minute = TIMESTAMP '2026-12-03 14:05:00'")) {
                assertTrue(top.next(), "a line for 14:05");
                assertEquals(topTag, top.getString(1));
                assertEquals(500, top.getLong(2));
                assertEquals(10, top.getLong(3), "the ten top accounts");
                assertFalse(top.next());
            }
            try (ResultSet scopes = statement.executeQuery("SELECT count(*) FROM social_pulse_trends")) {
                scopes.next();
                assertEquals(1 + last.scopes().keySet().stream().filter(k -> k.endsWith("|1m") && !k.startsWith("all"))
                        .count(), scopes.getLong(1), "a line per scope");
            }
        }
    }

    @Test
    void theTaskNameIsSafeInAKey() {
        TrendHistory history = new TrendHistory(null, "p", "ip-10-0-1-23.ec2.internal/../x y");
        assertEquals("p/trends/dt=2026-12-03/hour=14/ip-10-0-1-23.ec2.internal-..-x-y-1405.jsonl.gz", history.key(T));
    }

    @Test
    void theAthenaTableHasTheLinesFieldsAndTheirs() throws Exception {
        String ddl = Files.readString(Emulators.projectRoot().resolve("deploy/athena-trends.sql"));
        String table = ddl.substring(ddl.indexOf("CREATE EXTERNAL TABLE"));
        String columns = table.substring(table.indexOf('(') + 1, table.indexOf("\n)"));
        List<String> declared = columns.lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.substring(0, l.indexOf(' '))).toList();
        List<String> fields = Arrays.stream(TrendHistory.Line.class.getRecordComponents())
                .map(c -> c.getName().toLowerCase(Locale.ROOT)).toList();
        assertEquals(fields, declared);
        for (Class<?> type : List.of(TrendItem.class, Rising.class, Influencer.class, SentimentView.class)) {
            for (var component : type.getRecordComponents()) {
                assertTrue(ddl.contains(component.getName().toLowerCase(Locale.ROOT) + ":"),
                        type.getSimpleName() + "." + component.getName() + " is declared");
            }
        }
    }
}
