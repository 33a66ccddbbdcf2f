package io.socialpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.socialpulse.config.ConfigCheck;
import io.socialpulse.config.KinesisConfig;
import io.socialpulse.config.LakeConfig;
import io.socialpulse.config.RolesConfig;
import io.socialpulse.config.SettingsJson;
import io.socialpulse.config.SourcesConfig;
import io.socialpulse.config.TrendsConfig;
import io.socialpulse.lake.AthenaDdl;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Settings;

/**
 * The CloudFormation template read as CloudFormation would check it, and against the code: every
 * reference resolves, the service gets every setting it requires and passes its own checks, the
 * task reads exactly the secrets it is given, the Glue table is the Athena DDL, and the load
 * balancer suits a stream that stays open.
 */
class StackTemplateTest {

    private static final Set<String> PSEUDO = Set.of("AWS::AccountId", "AWS::Region", "AWS::NoValue",
            "AWS::StackName", "AWS::Partition", "AWS::URLSuffix", "AWS::StackId");

    private final Path root = Emulators.projectRoot();
    private final JsonNode template;

    StackTemplateTest() throws IOException {
        template = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("deploy/cloudformation.yaml").toFile());
    }

    private Set<String> names(String section) {
        Set<String> names = new TreeSet<>();
        template.path(section).fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every node of the template with the path to it. */
    private static void walk(JsonNode node, String path, Map<String, JsonNode> out) {
        out.put(path, node);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), path + "/" + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, out);
            }
        }
    }

    private Map<String, JsonNode> nodes() {
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        walk(template, "", nodes);
        return nodes;
    }

    @Test
    void everyRefGetAttSubAndConditionNamesSomethingThatExists() {
        Set<String> parameters = names("Parameters");
        Set<String> resources = names("Resources");
        Set<String> conditions = names("Conditions");
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> e : nodes().entrySet()) {
            String path = e.getKey();
            JsonNode node = e.getValue();
            if (path.endsWith("/Ref")) {
                checked++;
                String name = node.asText();
                if (!parameters.contains(name) && !resources.contains(name) && !PSEUDO.contains(name)) {
                    broken.add(path + " -> " + name);
                }
            } else if (path.endsWith("/Fn::GetAtt")) {
                checked++;
                if (!resources.contains(node.get(0).asText())) {
                    broken.add(path + " -> " + node.get(0).asText());
                }
            } else if (path.endsWith("/Fn::Sub")) {
                checked++;
                Matcher m = Pattern.compile("\\$\\{([^!}][^}]*)}").matcher(node.isArray()
                        ? node.get(0).asText()
                        : node.asText());
                while (m.find()) {
                    String name = m.group(1).contains(".") && !m.group(1).startsWith("AWS::")
                            ? m.group(1).substring(0, m.group(1).indexOf('.'))
                            : m.group(1);
                    if (!parameters.contains(name) && !resources.contains(name) && !PSEUDO.contains(name)) {
                        broken.add(path + " -> " + m.group(1));
                    }
                }
            } else if (path.endsWith("/Fn::If") || path.endsWith("/Condition") && node.isTextual()) {
                checked++;
                String name = node.isArray() ? node.get(0).asText() : node.asText();
                if (!conditions.contains(name)) {
                    broken.add(path + " -> condition " + name);
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(checked > 100, "the walk reached the references: " + checked);
    }

    /** The container's environment with every parameter at its default and every reference filled in. */
    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        for (JsonNode variable : template
                .at("/Resources/TaskDefinition/Properties/ContainerDefinitions/0/Environment")) {
            env.put(variable.get("Name").asText(), resolve(variable.get("Value")));
        }
        return env;
    }

    private String resolve(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.has("Ref")) {
            JsonNode parameter = template.path("Parameters").path(value.get("Ref").asText());
            return parameter.has("Default") ? parameter.get("Default").asText() : "resolved-" + value.get("Ref");
        }
        if (value.has("Fn::Sub")) {
            Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(value.get("Fn::Sub").asText());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                JsonNode parameter = template.path("Parameters").path(m.group(1));
                m.appendReplacement(out, parameter.has("Default") ? parameter.get("Default").asText() : "x");
            }
            return m.appendTail(out).toString();
        }
        throw new AssertionError("cannot resolve " + value);
    }

    @Test
    void theServiceGetsEverySettingItRequiresAndPassesItsOwnChecks() {
        Map<String, String> env = environment();
        // The settings JSON at the example of its description, then the stack's defaults as given.
        String example = template.at("/Parameters/SourceSettings/Description").asText()
                .replaceAll("(?s).*e\\.g\\.\\s*(\\{.*?}).*", "$1");
        assertEquals("mastodon.social", SettingsJsonReader.read(example).get("SOURCES_MASTODON_INSTANCES"));
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(KinesisConfig.class)
                .withMapping(LakeConfig.class).withMapping(SourcesConfig.class).withMapping(TrendsConfig.class)
                .withMapping(RolesConfig.class).withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300), new SettingsJson(env.get("SETTINGS_JSON"))).build();
        Duration shutdownDelay = Duration.parse("PT" + env.get("SHUTDOWN_DELAY").toUpperCase(Locale.ROOT));
        assertEquals(List.of(), ConfigCheck.problems(config.getConfigMapping(KinesisConfig.class),
                config.getConfigMapping(LakeConfig.class), config.getConfigMapping(SourcesConfig.class),
                config.getConfigMapping(TrendsConfig.class), config.getConfigMapping(RolesConfig.class),
                shutdownDelay));
        // The longest delay the stack allows still leaves the stop within ECS's 30 s.
        int longest = 0;
        for (JsonNode allowed : template.at("/Parameters/ShutdownDelaySeconds/AllowedValues")) {
            longest = Math.max(longest, allowed.asInt());
        }
        assertTrue(longest + Duration.parse("PT" + env.get("SERVICE_STOP_BUDGET").toUpperCase(Locale.ROOT))
                .toSeconds() <= 25, "stop budget and delay within 25 s");
    }

    /** A small reader of the example JSON, so the description's example is valid JSON of env names. */
    private static final class SettingsJsonReader {
        static Map<String, String> read(String json) {
            Map<String, String> map = new HashMap<>();
            try {
                new ObjectMapper().readTree(json).fields()
                        .forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
            } catch (IOException e) {
                throw new AssertionError("the example is not JSON: " + json, e);
            }
            return map;
        }
    }

    /** SOURCES_X_BEARER_TOKEN -> XBearerTokenArn. */
    private static String parameterOf(String variable) {
        StringBuilder name = new StringBuilder();
        for (String word : variable.replaceFirst("^SOURCES_", "").split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.append("Arn").toString();
    }

    @Test
    void everyCredentialIsASecretAndTheTaskReadsExactlyThose() {
        Set<String> credentials = Settings.credentialVariables();
        assertTrue(credentials.size() >= 8, credentials.toString());
        Map<String, String> given = new HashMap<>();
        for (JsonNode secret : template.at("/Resources/TaskDefinition/Properties/ContainerDefinitions/0/Secrets")) {
            JsonNode entry = secret.has("Fn::If") ? secret.get("Fn::If").get(1) : secret;
            given.put(entry.get("Name").asText(), entry.at("/ValueFrom/Ref").asText());
        }
        Set<String> read = new TreeSet<>();
        for (JsonNode resource : template.at(
                "/Resources/ExecutionRole/Properties/Policies/0/PolicyDocument/Statement/0/Resource")) {
            read.add(resource.has("Fn::If")
                    ? resource.get("Fn::If").get(1).get("Ref").asText()
                    : resource.get("Ref").asText());
        }
        for (String credential : credentials) {
            String parameter = parameterOf(credential);
            assertTrue(template.at("/Parameters").has(parameter), "a parameter for " + credential + ": " + parameter);
            assertEquals(parameter, given.get(credential), credential + " comes from its secret");
        }
        assertEquals("ApiKeys", given.get("API_KEYS"));
        assertEquals("AlertsWebhookUrlArn", given.get("ALERTS_WEBHOOK_URL"), "the webhook's URL holds a token");
        assertEquals(new TreeSet<>(given.values()), read, "the execution role reads exactly the secrets given");
        for (JsonNode variable : template
                .at("/Resources/TaskDefinition/Properties/ContainerDefinitions/0/Environment")) {
            assertTrue(!credentials.contains(variable.get("Name").asText()), "no credential in the environment");
        }
    }

    @Test
    void theGlueTableIsTheAthenaTable() throws IOException {
        String ddl = AthenaDdl.createTable("social_pulse_posts", "b", "p");
        List<String> columns = new ArrayList<>();
        Matcher column = Pattern.compile("(?m)^  `?([a-z]+)`? (.+?),?$").matcher(
                ddl.substring(ddl.indexOf('(') + 1, ddl.indexOf("\n)")));
        while (column.find()) {
            columns.add(column.group(1) + " " + column.group(2));
        }
        List<String> glue = new ArrayList<>();
        JsonNode table = template.at("/Resources/PostsTable/Properties/TableInput");
        table.at("/StorageDescriptor/Columns").forEach(c -> glue.add(c.get("Name").asText() + " "
                + c.get("Type").asText()));
        assertEquals(columns, glue);
        assertEquals(List.of("platform", "dt", "hour"),
                table.get("PartitionKeys").findValuesAsText("Name"));
        Matcher property = Pattern.compile("'(projection\\.[a-z.]+)' = '([^']*)'").matcher(ddl);
        int properties = 0;
        while (property.find()) {
            assertEquals(property.group(2), table.at("/Parameters").get(property.group(1)).asText(), property.group(1));
            properties++;
        }
        assertEquals(9, properties);
        assertEquals("org.openx.data.jsonserde.JsonSerDe",
                table.at("/StorageDescriptor/SerdeInfo/SerializationLibrary").asText());
        assertTrue(ddl.contains("platform=${platform}/dt=${dt}/hour=${hour}/"));
        assertTrue(table.at("/Parameters/storage.location.template/Fn::Sub").asText()
                .endsWith("/posts/platform=${!platform}/dt=${!dt}/hour=${!hour}/"));
        assertTrue(Files.readString(root.resolve("deploy/athena-posts.sql")).startsWith(
                "CREATE EXTERNAL TABLE IF NOT EXISTS social_pulse_posts ("));
    }

    @Test
    void theTrendHistoryTableIsTheOneInDeploy() throws IOException {
        String ddl = Files.readString(root.resolve("deploy/athena-trends.sql"));
        String table = ddl.substring(ddl.indexOf("CREATE EXTERNAL TABLE"));
        List<String> columns = table.substring(table.indexOf('(') + 1, table.indexOf("\n)")).strip().lines()
                .map(l -> l.strip().replaceAll(",$", "")).toList();
        List<String> glue = new ArrayList<>();
        template.at("/Resources/TrendsTable/Properties/TableInput/StorageDescriptor/Columns")
                .forEach(c -> glue.add(c.get("Name").asText() + " " + c.get("Type").asText()));
        assertEquals(columns, glue);
        assertTrue(template.at("/Resources/TrendsTable/Properties/TableInput/StorageDescriptor/Location/Fn::Sub")
                .asText().endsWith("/trends/"));
    }

    @Test
    void theLoadBalancerKeepsStreamsOpenAndDrainsTasksAsTheyStop() {
        JsonNode balancer = template.at("/Resources/LoadBalancerResource/Properties");
        int idle = 0;
        for (JsonNode attribute : balancer.get("LoadBalancerAttributes")) {
            if (attribute.get("Key").asText().equals("idle_timeout.timeout_seconds")) {
                idle = attribute.get("Value").asInt();
            }
        }
        TrendsConfig defaults = new SmallRyeConfigBuilder().withMapping(TrendsConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()).build()
                .getConfigMapping(TrendsConfig.class);
        assertTrue(idle > 2 * defaults.ping().toSeconds(), "idle timeout " + idle + " s above the ping");
        JsonNode group = template.at("/Resources/TargetGroup/Properties");
        assertEquals("/q/health/ready", group.get("HealthCheckPath").asText());
        assertEquals("ShutdownDelaySeconds", group.at("/TargetGroupAttributes/0/Value/Ref").asText());
        assertEquals("deregistration_delay.timeout_seconds", group.at("/TargetGroupAttributes/0/Key").asText());
        assertEquals("${ShutdownDelaySeconds}s", environmentNode("SHUTDOWN_DELAY").at("/Value/Fn::Sub").asText());
        assertEquals("[\"CMD\",\"/work/application\",\"healthcheck\"]",
                template.at("/Resources/TaskDefinition/Properties/ContainerDefinitions/0/HealthCheck/Command")
                        .toString());
        JsonNode deny = template.at("/Resources/LakePolicy/Properties/PolicyDocument/Statement/0");
        assertEquals("Deny", deny.get("Effect").asText());
        assertEquals("false", deny.at("/Condition/Bool/aws:SecureTransport").asText());
        assertTrue(names("Outputs").containsAll(List.of("Url", "ApiKeySecretArn", "LakeBucket", "StreamName",
                "LogGroup", "AthenaWorkGroup", "RepositoryUri")), names("Outputs").toString());
    }

    private JsonNode environmentNode(String name) {
        for (JsonNode variable : template
                .at("/Resources/TaskDefinition/Properties/ContainerDefinitions/0/Environment")) {
            if (variable.get("Name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError(name + " is not set");
    }
}
