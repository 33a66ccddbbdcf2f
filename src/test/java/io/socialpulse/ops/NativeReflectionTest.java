package io.socialpulse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * Our native-image reflection list for the Kinesis model (there is no Quarkus extension to make
 * it) covers every model class of the SDK version on the classpath, SubscribeToShard's event
 * stream included. A version bump that adds classes fails here until the list is regenerated.
 */
class NativeReflectionTest {

    static final String CONFIG = "META-INF/native-image/io.socialpulse/social-pulse/reflect-config.json";

    @Test
    void everyKinesisModelClassIsRegistered() throws IOException, URISyntaxException {
        Set<String> registered = registered();
        Set<String> model = new TreeSet<>();
        Path jar = Path.of(KinesisAsyncClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("software/amazon/awssdk/services/kinesis/model/") && n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - 6).replace('/', '.'))
                    .filter(n -> !n.matches(".*\\$\\d+$"))
                    .forEach(model::add);
        }
        model.removeAll(registered);
        assertEquals(Set.of(), model, "regenerate " + CONFIG);
    }

    static Set<String> registered() throws IOException {
        Set<String> names = new TreeSet<>();
        try (InputStream in = NativeReflectionTest.class.getClassLoader().getResourceAsStream(CONFIG)) {
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                names.add(entry.get("name").asText());
            }
        }
        return names;
    }
}
