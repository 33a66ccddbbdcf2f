package io.socialpulse.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.Emulators;

/**
 * Producers side by side against {@link KinesisStub}, each in a process of its own, on the same
 * posts: this service's publisher (plain and aggregated), the KPL, blocking batches of 500 and a
 * naive PutRecord loop. Prints posts/s, CPU seconds per 100k posts (the KPL's daemon included),
 * peak resident memory, and how many posts a shard could take each second in the records each
 * one produced. Run with bin/bench-publisher; optional arguments: posts per run, body sizes.
 */
public final class PublisherBenchmark {

    private static final double MIB = 1024 * 1024;
    private static final List<String> PRODUCERS = List.of(System.getProperty("producers",
            "publisher,publisher-aggregated,kpl,batches-500,naive").split(","));

    /** {@code posts} were sent in all, {@code timed} of them measured (after the warm-up). */
    record Row(String producer, int body, int posts, int timed, double seconds, double cpu, double jit, long rss,
            long records, long bytes, double postBytes) {
        double postsPerSecond() {
            return timed / seconds;
        }

        double cpuPer100k() {
            return cpu * 100_000 / timed;
        }

        double jitPer100k() {
            return jit * 100_000 / timed;
        }

        /** Posts per shard-second the produced records allow under 1,000 records/s and 1 MiB/s. */
        double perShardSecond() {
            return Math.min(1000.0 * posts / records, MIB * posts / bytes);
        }

        double byteBudgetShare() {
            return perShardSecond() * postBytes / MIB;
        }
    }

    public static void main(String[] args) throws Exception {
        int posts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int[] bodies = args.length > 1
                ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray()
                : new int[]{300, 2048};
        Path keystore = keystore();
        List<Row> rows = new ArrayList<>();
        try (KinesisStub stub = KinesisStub.start(keystore.toString(), "benchstub")) {
            for (int body : bodies) {
                for (String producer : PRODUCERS) {
                    int n = producer.equals("naive") ? Math.max(1000, posts / 10) : posts;
                    // The mean size of the very posts this run sends: ids and counters grow with n.
                    double postBytes = ProducerRun.posts(body, n).stream().mapToInt(p -> PostCodec.encode(p).length)
                            .average().orElseThrow();
                    stub.reset();
                    String[] r = run(producer, body, n, stub).split(" ");
                    rows.add(new Row(producer, body, n, Integer.parseInt(r[1]), Double.parseDouble(r[2]),
                            Double.parseDouble(r[3]), Double.parseDouble(r[5]), Long.parseLong(r[4]),
                            stub.records.sum(), stub.bytes.sum(),
                            postBytes));
                    System.err.println(rows.get(rows.size() - 1));
                }
            }
        }
        print(rows);
        System.exit(0);
    }

    private static void print(List<Row> rows) {
        System.out.println("| producer | post size | posts | posts/s | CPU s per 100k posts | of it, JIT compiler "
                + "| peak RSS | Kinesis records | bytes per record | posts per shard-second "
                + "| shard byte budget carrying posts |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            System.out.printf("| %s | %.0f B | %,d | %,.0f | %.2f | %.2f | %.0f MB | %,d | %,.0f | %,.0f | %.0f%% |%n",
                    row.producer, row.postBytes, row.timed, row.postsPerSecond(), row.cpuPer100k(), row.jitPer100k(),
                    row.rss / 1e6,
                    row.records, (double) row.bytes / row.records, row.perShardSecond(), row.byteBudgetShare() * 100);
        }
        if (PRODUCERS.size() < 5) {
            return; // the ratios need every producer
        }
        System.out.println();
        System.out.println("| post size | KPL CPU per post ÷ publisher's | KPL CPU per post ÷ aggregated publisher's "
                + "| publisher posts/s ÷ naive loop's | aggregated publisher posts/s ÷ naive loop's |");
        System.out.println("|---|---|---|---|---|");
        for (int body : rows.stream().mapToInt(Row::body).distinct().toArray()) {
            Row plain = find(rows, "publisher", body);
            Row aggregated = find(rows, "publisher-aggregated", body);
            Row kpl = find(rows, "kpl", body);
            Row naive = find(rows, "naive", body);
            System.out.printf("| %.0f B | %.1f× | %.1f× | %.1f× | %.1f× |%n", plain.postBytes,
                    kpl.cpuPer100k() / plain.cpuPer100k(), kpl.cpuPer100k() / aggregated.cpuPer100k(),
                    plain.postsPerSecond() / naive.postsPerSecond(),
                    aggregated.postsPerSecond() / naive.postsPerSecond());
        }
    }

    private static Row find(List<Row> rows, String producer, int body) {
        return rows.stream().filter(r -> r.producer.equals(producer) && r.body == body).findFirst().orElseThrow();
    }

    private static String run(String producer, int body, int posts, KinesisStub stub) throws Exception {
        List<String> command = new ArrayList<>(List
                .of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseG1GC"));
        // Extra options for the producer JVMs, e.g. -Dproducer.opts=-XX:StartFlightRecording=filename=run.jfr
        String extra = System.getProperty("producer.opts", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (producer.equals("kpl")) {
            command.addAll(List.of("-cp", System.getProperty("kpl.classpath") + ":" + System.getProperty(
                    "java.class.path"), "io.socialpulse.bench.KplRun", "" + body, "" + posts, "" + stub.tlsPort()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    ProducerRun.class.getName(), producer, "" + body, "" + posts, "" + stub.plainPort()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        // Nothing may look beyond loopback: no instance metadata, no regional endpoints.
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().put("AWS_REGION", "us-east-1");
        Process process = builder.start();
        String result = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException(producer + " run failed (exit " + process.exitValue() + ")");
        }
        return result;
    }

    /** A self-signed key for the stub's TLS port, made with the JDK's keytool. */
    private static Path keystore() throws Exception {
        Path file = Emulators.projectRoot().resolve("target/bench-stub.jks");
        if (!Files.exists(file)) {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "stub", "-keyalg", "RSA",
                    "-keysize", "2048", "-validity", "30", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                    "-storetype", "JKS", "-keystore", file.toString(), "-storepass", "benchstub", "-keypass",
                    "benchstub").inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed");
            }
        }
        return file;
    }
}
