package io.socialpulse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Dockerfile.jvm runs the service with: its JVM options, and the Java 25 its image carries. */
public final class JvmImage {

    /** Temurin 25, as on the machines that build and test this project. */
    public static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private JvmImage() {
    }

    /** The image's {@code JAVA_OPTS}, as the Dockerfile sets them. */
    public static String javaOpts() throws IOException {
        String dockerfile = Files.readString(Emulators.projectRoot().resolve("Dockerfile.jvm"));
        Matcher m = Pattern.compile("ENV JAVA_OPTS=\"([^\"]*)\"").matcher(dockerfile);
        if (!m.find()) {
            throw new IllegalStateException("Dockerfile.jvm sets no JAVA_OPTS");
        }
        return m.group(1);
    }

    /**
     * The -X options of the image's {@code JAVA_OPTS} (memory, collector and the like) as a task of
     * {@code taskMiB} runs them: {@code -XX:MaxRAM} makes the JVM size its heap as the container's
     * memory limit would.
     */
    public static List<String> memoryOptions(int taskMiB) throws IOException {
        List<String> options = new ArrayList<>(List.of("-XX:MaxRAM=" + taskMiB + "m"));
        Arrays.stream(javaOpts().split("\\s+")).filter(o -> o.startsWith("-X")).forEach(options::add);
        return options;
    }
}
