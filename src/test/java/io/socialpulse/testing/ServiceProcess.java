package io.socialpulse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a separate process,
 * configured only by environment variables, as it runs in a container.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Environment for the emulators, without any service setting. */
    public static Map<String, String> emulatorEnvironment() {
        Emulators emulators = Emulators.get();
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", Emulators.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", Emulators.SECRET_KEY);
        env.put("AWS_REGION", Emulators.REGION.id());
        env.put("KINESIS_ENDPOINT", emulators.kinesisEndpoint().toString());
        env.put("S3_ENDPOINT", emulators.s3Endpoint().toString());
        env.put("S3_PATH_STYLE", "true");
        return env;
    }

    /** Environment for the emulators, a stream and a bucket, with a quick reader; callers add the rest. */
    public static Map<String, String> environment(String stream, String bucket) {
        Map<String, String> env = emulatorEnvironment();
        env.put("KINESIS_STREAM", stream);
        env.put("LAKE_BUCKET", bucket);
        env.put("KINESIS_READER_POLL_INTERVAL", "300ms");
        return env;
    }

    public static ServiceProcess start(String name, Map<String, String> environment) {
        return start(name, environment, List.of(Emulators.javaBinary(), "-Xmx256m"));
    }

    /** The packaged service started by {@code java} (a java binary and its options). */
    public static ServiceProcess start(String name, Map<String, String> environment, List<String> java) {
        Path jar = Path.of(System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests with 'mvn verify'");
        }
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of("-jar", jar.toString()));
        return launch(name, environment, command);
    }

    /** The service started by {@code command} as it is (a launcher script, say), on a port of its own. */
    public static ServiceProcess launch(String name, Map<String, String> environment, List<String> command) {
        try {
            int port = Emulators.freePort();
            Path log = Files.createDirectories(Emulators.projectRoot().resolve("target/service-logs"))
                    .resolve(name + "-" + System.nanoTime() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("KINESIS_") || k.startsWith("LAKE_")
                    || k.startsWith("SOURCES_") || k.startsWith("TRENDS_") || k.startsWith("QUARKUS_"));
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("PORT", Integer.toString(port));
            builder.environment().putAll(environment);
            return new ServiceProcess(builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit by itself; returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the service did not exit within " + timeout + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the output contains {@code text}. */
    public void awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the service exited before printing '" + text + "':\n" + output());
            }
            Emulators.sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("the service did not print '" + text + "' within " + timeout + ":\n" + output());
    }

    /** SIGTERM, as ECS sends at a stop; returns the exit code. */
    public int terminate(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** SIGKILL: no shutdown hook runs, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
