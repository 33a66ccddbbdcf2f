package io.socialpulse.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.inject.Singleton;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.socialpulse.config.SourcesConfig;
import io.socialpulse.post.Platforms;
import io.socialpulse.testing.Emulators;

/**
 * Every connector is registered once, as a bean, and every list elsewhere agrees with the
 * registrations: the names settings accept, the platforms of posts (the Athena table's partitions,
 * the API's scopes), the stack's secrets, the docs and the recorded fixtures. Adding a platform and
 * forgetting one of them fails here, naming it.
 */
class ConnectorRegistryTest {

    private static final Path ROOT = Emulators.projectRoot();
    private static final Map<String, Connector> CONNECTORS = new TreeMap<>();

    /** The connector classes, found as CDI finds them: the beans implementing {@link Connector}. */
    @BeforeAll
    static void findConnectors() throws Exception {
        Path classes = ROOT.resolve("target/classes");
        try (Stream<Path> files = Files.walk(classes.resolve("io/socialpulse/source"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name);
                if (Connector.class.isAssignableFrom(type) && !type.isInterface()
                        && !Modifier.isAbstract(type.getModifiers())) {
                    assertTrue(type.isAnnotationPresent(Singleton.class), type + " is a bean CDI finds");
                    Connector connector = (Connector) type.getDeclaredConstructor().newInstance();
                    Connector before = CONNECTORS.put(connector.name(), connector);
                    assertEquals(null, before, "two connectors named " + connector.name());
                }
            }
        }
        assertTrue(CONNECTORS.size() >= 12, CONNECTORS.keySet().toString());
    }

    @Test
    void theSettingsAcceptEveryConnectorAndNoOther() {
        assertEquals(new TreeSet<>(SourcesConfig.CONNECTORS), CONNECTORS.keySet());
        Set<String> calling = new TreeSet<>();
        CONNECTORS.values().stream().filter(Connector::callsPlatform).forEach(c -> calling.add(c.name()));
        assertEquals(new TreeSet<>(SourcesConfig.PLATFORM_CONNECTORS), calling);
    }

    @Test
    void everyPlatformHasAConnectorAndEveryConnectorsPlatformIsKnown() throws IOException {
        Set<String> written = new TreeSet<>();
        CONNECTORS.values().stream().filter(c -> c.platform() != null).forEach(c -> written.add(c.platform()));
        assertEquals(new TreeSet<>(Platforms.ALL), written, "the platforms posts carry");
        // The Athena table shipped in deploy/ projects the same partitions.
        String ddl = Files.readString(ROOT.resolve("deploy/athena-posts.sql"));
        assertTrue(ddl.contains("'projection.platform.values' = '" + String.join(",", Platforms.ALL) + "'"),
                "deploy/athena-posts.sql projects every platform");
    }

    @Test
    void everyCredentialAConnectorReadsIsAStackSecretAndScrubbed() throws IOException {
        JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(
                ROOT.resolve("deploy/cloudformation.yaml").toFile());
        List<String> stackSecrets = new ArrayList<>();
        template.at("/Resources/TaskDefinition/Properties/ContainerDefinitions/0/Secrets").forEach(entry -> {
            JsonNode named = entry.has("Fn::If") ? entry.get("Fn::If").get(1) : entry;
            stackSecrets.add(named.get("Name").asText());
        });
        // Every secret the stack passes to a connector, set to a marker of its own name.
        Map<String, String> values = new HashMap<>();
        values.put("kinesis.stream", "posts");
        for (String variable : stackSecrets) {
            if (variable.startsWith("SOURCES_")) {
                values.put(
                        variable.toLowerCase(Locale.ROOT).replaceFirst("^sources_", "sources.").replaceFirst("_", ".")
                                .replace('_', '-'),
                        "marker-" + variable);
            }
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SourcesConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()).withDefaultValues(values).build();
        SourcesConfig sources = config.getConfigMapping(SourcesConfig.class);
        Set<String> read = new TreeSet<>();
        for (Connector connector : CONNECTORS.values()) {
            for (Optional<String> secret : connector.secrets(sources)) {
                assertTrue(secret.isPresent() && secret.get().startsWith("marker-SOURCES_" + prefix(connector)),
                        connector.name() + " reads a credential the stack does not pass as a secret: " + secret);
                read.add(secret.get().substring("marker-".length()));
            }
        }
        Set<String> passed = new TreeSet<>(stackSecrets.stream().filter(s -> s.startsWith("SOURCES_")).toList());
        assertEquals(passed, read, "the stack's secrets are the connectors' credentials");
    }

    private static String prefix(Connector connector) {
        return connector.name().toUpperCase(Locale.ROOT) + "_";
    }

    @Test
    void everyConnectorIsDocumentedAndEveryPlatformHasRecordedAnswers() throws IOException {
        String docs = Files.readString(ROOT.resolve("docs/sources.md"))
                + Files.readString(ROOT.resolve("docs/configuration.md"));
        for (Connector connector : CONNECTORS.values()) {
            assertTrue(docs.contains("`" + connector.name() + "`"), connector.name() + " is named in docs/");
            if (connector.callsPlatform()) {
                assertTrue(docs.contains("SOURCES_" + prefix(connector)), "docs/sources.md holds the settings of "
                        + connector.name());
            }
        }
        for (String platform : Platforms.ALL) {
            assertTrue(Files.exists(ROOT.resolve("src/test/resources/fixtures/" + platform + "/SOURCES.md")),
                    platform + " has recorded answers with their provenance");
        }
    }
}
