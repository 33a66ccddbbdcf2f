package io.socialpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.JvmImage;
import io.socialpulse.testing.ServiceProcess;

/**
 * The JVM image's layout, built as Dockerfile.jvm builds it ({@code /deployments} from the packaged
 * service, {@code /work/application} from the launcher), and the task definition's health check
 * command run in it against the running service: the same command works in both images.
 */
class JvmImageIT {

    private final Path root = Emulators.projectRoot();

    /** {@code /deployments} and {@code /work/application}, under {@code image}. */
    private Path layout(Path image) throws IOException {
        Path deployments = image.resolve("deployments");
        Path app = root.resolve("target/quarkus-app");
        try (Stream<Path> files = Files.walk(app)) {
            for (Path file : files.toList()) {
                Path target = deployments.resolve(app.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path launcher = Files.createDirectories(image.resolve("work")).resolve("application");
        Files.copy(root.resolve("src/main/docker/application-jvm.sh"), launcher, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(launcher.toFile().setExecutable(true));
        return launcher;
    }

    private record Run(int exit, String output, long millis) {
    }

    private static Run run(Path image, Path launcher, int port, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        String javaBin = Path.of(Emulators.javaBinary()).getParent().toString();
        builder.environment().put("PATH", javaBin + ":" + System.getenv("PATH"));
        builder.environment().put("APP_HOME", image.resolve("deployments").toString());
        builder.environment().put("PORT", Integer.toString(port));
        long start = System.nanoTime();
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher answers within a minute");
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void theHealthCheckCommandOfTheTaskRunsInTheJvmImageAgainstTheService() throws Exception {
        String dockerfile = Files.readString(root.resolve("Dockerfile.jvm"));
        assertTrue(dockerfile.contains("COPY --chmod=0755 src/main/docker/application-jvm.sh /work/application"),
                "the image carries the launcher where the native image has its binary");
        assertTrue(Files.readString(root.resolve("deploy/cloudformation.yaml"))
                .contains("Command: [CMD, /work/application, healthcheck]"), "the task's health check command");

        Path image = root.resolve("target/jvm-image");
        Path launcher = layout(image);
        Emulators emulators = Emulators.get();
        Map<String, String> env = ServiceProcess.environment(emulators.createStream("jvm-image", 1),
                emulators.createBucket("jvm-image"));
        env.put("SOURCES_ENABLED", "demo");
        int port;
        try (ServiceProcess service = ServiceProcess.start("jvm-image", env)) {
            port = service.port();
            Run down = run(image, launcher, port, "healthcheck");
            service.awaitOutput("Listening on", Duration.ofSeconds(60));
            Run up = run(image, launcher, port, "healthcheck");
            assertEquals(0, up.exit(), "live: " + up.output());
            assertTrue(down.exit() == 0 || down.exit() == 1, "before the start, 0 or 1: " + down);
            System.out.printf("health check in the JVM image layout: exit %d in %d ms%n", up.exit(), up.millis());
            service.terminate(Duration.ofSeconds(30));
        }
        Run stopped = run(image, launcher, port, "healthcheck");
        assertEquals(1, stopped.exit(), "nothing listening: unhealthy, " + stopped.output());

        Run ddl = run(image, launcher, port, "athena-ddl");
        assertEquals(0, ddl.exit(), ddl.output());
        assertTrue(ddl.output().contains("CREATE EXTERNAL TABLE IF NOT EXISTS social_pulse_posts"), ddl.output());
    }

    @Test
    void theImageBuildTrainsAnAotCacheThatTheServiceStartsFrom() throws Exception {
        String dockerfile = Files.readString(root.resolve("Dockerfile.jvm"));
        assertTrue(dockerfile.contains("/work/application train-aot"), "the image build trains the cache");
        assertTrue(dockerfile.contains("ENTRYPOINT [ \"/work/application\" ]"), "and starts through the launcher");
        assertTrue(Files.isExecutable(JvmImage.JDK25), "Temurin 25 at " + JvmImage.JDK25);

        Path image = root.resolve("target/jvm-image-aot");
        Path launcher = layout(image);
        Map<String, String> shell = new HashMap<>();
        shell.put("PATH", JvmImage.JDK25.getParent() + ":" + System.getenv("PATH"));
        shell.put("APP_HOME", image.resolve("deployments").toString());
        // As a 1 GiB task runs them: the heap, taken whole at the start, is sized from the task's memory.
        String javaOpts = "-XX:MaxRAM=1024m " + JvmImage.javaOpts();
        shell.put("JAVA_OPTS", javaOpts);
        shell.put("TMPDIR", Files.createDirectories(image.resolve("tmp")).toString());

        // The training run, as the image build runs it: nowhere to send, the demo for a few seconds.
        ProcessBuilder training = new ProcessBuilder(launcher.toString(), "train-aot").redirectErrorStream(true);
        training.environment().putAll(shell);
        training.environment().put("PORT", Integer.toString(Emulators.freePort()));
        training.environment().put("AOT_TRAINING_SECONDS", "5");
        Process train = training.start();
        assertTrue(train.waitFor(180, TimeUnit.SECONDS), "training ends");
        String trained = new String(train.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, train.exitValue(), trained);
        Path cache = image.resolve("deployments/social-pulse.aot");
        assertTrue(Files.size(cache) > 10_000_000, "a cache of the loaded classes: " + Files.size(cache));

        // The launcher starts the service from it; AOTMode=on makes an unusable cache a failed start.
        Emulators emulators = Emulators.get();
        Map<String, String> env = ServiceProcess.environment(emulators.createStream("jvm-aot", 1),
                emulators.createBucket("jvm-aot"));
        env.putAll(shell);
        env.put("JAVA_OPTS", javaOpts.replace("-Dquarkus.http.host=0.0.0.0", "")
                + " -XX:AOTMode=on -Xlog:aot=info");
        env.put("SOURCES_ENABLED", "demo");
        try (ServiceProcess service = ServiceProcess.launch("jvm-aot", env, List.of(launcher.toString()))) {
            service.awaitOutput("Listening on", Duration.ofSeconds(60));
            assertTrue(service.output().contains("social-pulse.aot"), "the cache was opened:\n" + service.output());
            assertEquals(0, run(image, launcher, service.port(), "healthcheck").exit());
            service.terminate(Duration.ofSeconds(30));
        }
    }

    @Test
    void settingsGivenAsOneJsonObjectAreCheckedAsTheEnvironmentIs() {
        Emulators emulators = Emulators.get();
        Map<String, String> env = ServiceProcess.environment(emulators.createStream("settings-json", 1),
                emulators.createBucket("settings-json"));
        env.put("SETTINGS_JSON", "{\"SOURCES_ENABLED\": \"demo\", \"TRENDS_TOP\": 0}");
        try (ServiceProcess service = ServiceProcess.start("settings-json", env)) {
            int exit = service.awaitExit(Duration.ofSeconds(60));
            assertTrue(exit != 0, "a bad setting stops the start");
            assertTrue(service.output().contains("TRENDS_TOP must be between 1 and 1000, was 0"), service.output());
        }
    }
}
