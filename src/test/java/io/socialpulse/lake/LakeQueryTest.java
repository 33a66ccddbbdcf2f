package io.socialpulse.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.read.StreamRecord;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.TestPosts;

import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The lake as a query engine nobody here wrote reads it: the lake writer writes posts to the S3
 * emulator, the objects are copied down as they are, and DuckDB reads the gzip JSON Lines with
 * Hive partitioning and answers the README's example questions, in its own dialect, the same as
 * a count over the posts written.
 */
class LakeQueryTest {

    private static final String SHARD = "shardId-000000000000";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);

    @TempDir
    Path local;

    /** Writes {@code posts} through the lake writer and copies every object down under {@code local}. */
    private Path writeLake(List<Post> posts) throws Exception {
        Emulators emulators = Emulators.get();
        String bucket = emulators.createBucket("duck");
        List<StreamRecord> records = new ArrayList<>();
        for (Post post : posts) {
            records.add(new StreamRecord(SHARD, Long.toString(1001 + records.size()), Instant.now(),
                    PostCodec.encode(post), post, null));
        }
        try (S3AsyncClient s3 = S3AsyncClient.builder().region(Emulators.REGION)
                .credentialsProvider(Emulators.credentials()).endpointOverride(emulators.s3Endpoint())
                .forcePathStyle(true).build(); S3Client sync = emulators.s3()) {
            ShardWriter writer = new ShardWriter(SHARD, new LakeLayout("lake", "posts"), new ObjectStore(s3, bucket),
                    new RollPolicy(64 << 20, Duration.ofHours(1)), Clock.systemUTC(), PostCodec.mapper(),
                    new LakeStats(), new PostIdWindow(Duration.ofMinutes(15), 100_000));
            writer.restart().await().indefinitely();
            writer.accept(records).await().indefinitely();
            writer.flush("stop").await().indefinitely();
            for (String key : Lake.keys(sync, bucket, "lake/posts/")) {
                Path file = local.resolve(key);
                Files.createDirectories(file.getParent());
                Files.write(file, sync.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
            }
        }
        return local.resolve("lake/posts");
    }

    private static List<List<Object>> query(Connection db, String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    Object value = result.getObject(c);
                    row.add(value instanceof Double d
                            ? String.valueOf(d)
                            : value instanceof Number n ? (Object) n.longValue() : String.valueOf(value));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void duckDbAnswersTheReadmesQuestionsFromTheLakeAsWritten() throws Exception {
        List<Post> posts = TestPosts.make("duck", 300, "duckdb").stream() // three platforms over two hours
                .map(p -> p.scored(new Post.Scores(p.nativeId().hashCode() % 100 / 100.0, 0.2, 0.7, 0.1))).toList();
        Path lake = writeLake(posts);
        try (Stream<Path> files = Files.walk(lake)) {
            assertTrue(files.anyMatch(f -> f.toString().contains("platform=mastodon/dt=")), "Hive-style partitions");
        }
        String day = DAY.format(posts.get(0).createdAt());

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement statement = db.createStatement()) {
                statement.execute("CREATE VIEW social_pulse_posts AS SELECT * FROM read_json('" + lake
                        + "/**/*.jsonl.gz', format = 'newline_delimited', hive_partitioning = true,"
                        + " hive_types_autocast = false)");
            }
            assertEquals(List.of(List.of((long) posts.size())), query(db, "SELECT count(*) FROM social_pulse_posts"));

            // Top hashtags on Mastodon that day.
            List<List<Object>> top = query(db, """
                    SELECT tag, count(*) AS posts
                    FROM (SELECT unnest(hashtags) AS tag FROM social_pulse_posts
                          WHERE platform = 'mastodon' AND dt = '%s')
                    GROUP BY tag ORDER BY posts DESC, tag LIMIT 20""".formatted(day));
            Map<String, Long> tags = new HashMap<>();
            posts.stream().filter(p -> p.platform().equals("mastodon") && DAY.format(p.createdAt()).equals(day))
                    .forEach(p -> p.hashtags().forEach(t -> tags.merge(t, 1L, Long::sum)));
            List<List<Object>> expected = tags.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(20).map(e -> List.<Object>of(e.getKey(), e.getValue())).toList();
            assertEquals(expected, top);
            assertEquals(List.of("duckdb", 100L), top.get(0), "every third test post is Mastodon's, with the tag");

            // Posts per platform and hour that day, with their authors.
            List<List<Object>> hourly = query(db, """
                    SELECT platform, hour, count(*) AS posts, count(DISTINCT author.handle) AS authors
                    FROM social_pulse_posts WHERE dt = '%s'
                    GROUP BY platform, hour ORDER BY platform, hour""".formatted(day));
            Map<String, Set<String>> authors = new TreeMap<>();
            Map<String, Long> counts = new TreeMap<>();
            for (Post p : posts) {
                if (DAY.format(p.createdAt()).equals(day)) {
                    String key = p.platform() + "|" + HOUR.format(p.createdAt());
                    counts.merge(key, 1L, Long::sum);
                    authors.computeIfAbsent(key, k -> new HashSet<>()).add(p.author().handle());
                }
            }
            List<List<Object>> expectedHourly = counts.entrySet().stream().map(e -> List.<Object>of(
                    e.getKey().split("\\|")[0], e.getKey().split("\\|")[1], e.getValue(),
                    (long) authors.get(e.getKey()).size())).toList();
            assertEquals(expectedHourly, hourly);

            // How sentiment about a tag moved, hour by hour.
            List<List<Object>> mood = query(db, """
                    SELECT hour, round(avg(sentiment.compound), 6) AS mean, count(*) AS posts
                    FROM social_pulse_posts WHERE dt = '%s' AND list_contains(hashtags, 'duckdb')
                    GROUP BY hour ORDER BY hour""".formatted(day));
            Map<String, double[]> byHour = new TreeMap<>();
            for (Post p : posts) {
                if (DAY.format(p.createdAt()).equals(day) && p.hashtags().contains("duckdb")) {
                    double[] sum = byHour.computeIfAbsent(HOUR.format(p.createdAt()), h -> new double[2]);
                    sum[0] += p.sentiment().compound();
                    sum[1]++;
                }
            }
            List<List<Object>> expectedMood = byHour.entrySet().stream().map(e -> List.<Object>of(e.getKey(),
                    String.valueOf(Math.round(e.getValue()[0] / e.getValue()[1] * 1e6) / 1e6),
                    (long) e.getValue()[1])).toList();
            assertEquals(expectedMood, mood);
            // The hourly views of deploy/athena-views.sql, as written there, give the same figures.
            String views = Files.readString(Emulators.projectRoot().resolve("deploy/athena-views.sql"));
            int created = 0;
            for (String statement : views.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank() && !statement.contains("from_iso8601_timestamp")) { // Athena's own function
                    try (Statement s = db.createStatement()) {
                        s.execute(statement);
                        created++;
                    }
                }
            }
            assertEquals(2, created);
            assertEquals(expectedMood, query(db, """
                    SELECT hour, round(sum(mean_sentiment * scored) / sum(scored), 6), sum(posts)
                    FROM social_pulse_hourly_tags WHERE dt = '%s' AND tag = 'duckdb'
                    GROUP BY hour ORDER BY hour""".formatted(day)));
            assertEquals(List.of(List.of((long) posts.size())),
                    query(db, "SELECT sum(posts) FROM social_pulse_hourly"));
            assertTrue(hourly.size() >= 6, "three platforms over at least two hours: " + hourly);
        }
    }
}
