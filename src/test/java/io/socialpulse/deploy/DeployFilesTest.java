package io.socialpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.socialpulse.config.TrendsConfig;
import io.socialpulse.lake.AthenaDdl;
import io.socialpulse.lake.LakeLayout;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Settings;

/**
 * The files in {@code deploy/} agree with each other and with the code: the same names, IAM
 * actions for exactly the AWS calls the code makes, and every secret the service reads passed as
 * a secret, never as plain environment.
 */
class DeployFilesTest {

    /** How a call in our code reads, and the IAM action it needs. */
    private static final Map<String, String> CALLS = new LinkedHashMap<>();
    static {
        CALLS.put(".putRecords(", "kinesis:PutRecords");
        CALLS.put(".getRecords(", "kinesis:GetRecords");
        CALLS.put(".getShardIterator(", "kinesis:GetShardIterator");
        CALLS.put(".listShards(", "kinesis:ListShards");
        CALLS.put(".describeStreamSummary(", "kinesis:DescribeStreamSummary");
        CALLS.put(".registerStreamConsumer(", "kinesis:RegisterStreamConsumer");
        CALLS.put(".describeStreamConsumer(", "kinesis:DescribeStreamConsumer");
        CALLS.put(".deregisterStreamConsumer(", "kinesis:DeregisterStreamConsumer");
        CALLS.put(".subscribeToShard(", "kinesis:SubscribeToShard");
        CALLS.put(".putObject(", "s3:PutObject");
        CALLS.put(".getObject(", "s3:GetObject");
        CALLS.put(".listObjectsV2(", "s3:ListBucket");
        CALLS.put(".headObject(", "s3:GetObject");
        CALLS.put(".createMultipartUpload(", "s3:PutObject");
        CALLS.put(".uploadPart(", "s3:PutObject");
        CALLS.put(".completeMultipartUpload(", "s3:PutObject");
        CALLS.put(".abortMultipartUpload(", "s3:AbortMultipartUpload");
        CALLS.put(".listMultipartUploads(", "s3:ListBucketMultipartUploads");
        CALLS.put(".topicArn(", "sns:Publish");
    }

    private final Path root = Emulators.projectRoot();
    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void thePolicyAllowsExactlyTheCallsTheCodeMakes() throws IOException {
        Set<String> called = calledActions();
        Set<String> allowed = actions(json.readTree(root.resolve("deploy/iam-task-policy.json").toFile()));
        assertEquals(new TreeSet<>(called), allowed);
        assertTrue(called.size() >= 7, "the scan found the calls: " + called);
    }

    @Test
    void theTemplateGrantsTheTaskRoleWhatThePolicyFileGrants() throws IOException {
        JsonNode template = yaml.readTree(root.resolve("deploy/cloudformation.yaml").toFile());
        JsonNode policy = template.at("/Resources/TaskRole/Properties/Policies/0/PolicyDocument");
        assertEquals(actions(json.readTree(root.resolve("deploy/iam-task-policy.json").toFile())), actions(policy));
    }

    @Test
    void theTaskDefinitionAndTheTemplateNameTheSameThings() throws IOException {
        JsonNode task = json.readTree(root.resolve("deploy/ecs-task-definition.json").toFile());
        JsonNode container = task.at("/containerDefinitions/0");
        JsonNode template = yaml.readTree(root.resolve("deploy/cloudformation.yaml").toFile());
        Map<String, String> env = new LinkedHashMap<>();
        container.get("environment").forEach(e -> env.put(e.get("name").asText(), e.get("value").asText()));

        String prefix = template.at("/Parameters/NamePrefix/Default").asText();
        assertEquals(template.at("/Resources/Stream/Properties/Name/Fn::Sub").asText().replace("${NamePrefix}",
                prefix), env.get("KINESIS_STREAM"));
        assertTrue(env.get("LAKE_BUCKET").startsWith("social-pulse-lake-"));
        assertEquals("${NamePrefix}-lake-${AWS::AccountId}",
                template.at("/Resources/Lake/Properties/BucketName/Fn::Sub").asText());
        String policy = Files.readString(root.resolve("deploy/iam-task-policy.json"));
        assertTrue(policy.contains("stream/" + env.get("KINESIS_STREAM") + "\""), "policy names the stream");
        assertTrue(policy.contains(env.get("LAKE_BUCKET") + "/" + env.get("LAKE_PREFIX") + "/*"),
                "policy names the bucket and the prefix");
        assertEquals(template.at("/Resources/Logs/Properties/LogGroupName/Fn::Sub").asText().replace("${NamePrefix}",
                prefix), container.at("/logConfiguration/options/awslogs-group").asText());
        assertEquals(task.get("family").asText(), template.at("/Resources/TaskDefinition/Properties/Family/Fn::Sub")
                .asText().replace("${NamePrefix}", prefix));
    }

    @Test
    void theTaskIsSmallLockedDownAndStopsWithinItsTimeout() throws IOException {
        JsonNode task = json.readTree(root.resolve("deploy/ecs-task-definition.json").toFile());
        JsonNode container = task.at("/containerDefinitions/0");
        assertEquals("256", task.get("cpu").asText());
        assertEquals("1024", task.get("memory").asText(), "every role, with room for the hour-long windows");
        assertEquals(30, container.get("stopTimeout").asInt());
        assertTrue(container.get("readonlyRootFilesystem").asBoolean());
        assertEquals("/tmp", container.at("/mountPoints/0/containerPath").asText());
        assertTrue(!container.get("user").asText().equals("0") && !container.get("user").asText().equals("root"));
        assertEquals("healthcheck", container.at("/healthCheck/command/2").asText());
        assertEquals("awslogs", container.at("/logConfiguration/logDriver").asText());
        container.get("secrets")
                .forEach(s -> assertTrue(s.get("valueFrom").asText().startsWith("arn:aws:secretsmanager:")
                        || s.get("valueFrom").asText().startsWith("arn:aws:ssm:")));
        Set<String> secrets = secretVariables();
        container.get("environment").forEach(e -> assertTrue(!secrets.contains(e.get("name").asText()),
                "secrets belong in 'secrets': " + e));
        JsonNode template = yaml.readTree(root.resolve("deploy/cloudformation.yaml").toFile());
        template.at("/Resources/TaskDefinition/Properties/ContainerDefinitions/0/Environment")
                .forEach(e -> assertTrue(!secrets.contains(e.get("Name").asText()),
                        "secrets belong in 'Secrets': " + e));
    }

    /** Each live trend stream is an open file: the task may hold as many as the service admits, and more. */
    @Test
    void theTaskMayOpenAFileForEveryStreamTheServiceAdmits() throws IOException {
        int admitted = Settings.mapping(TrendsConfig.class).maxSubscribers();
        JsonNode container = json.readTree(root.resolve("deploy/ecs-task-definition.json").toFile())
                .at("/containerDefinitions/0");
        JsonNode template = yaml.readTree(root.resolve("deploy/cloudformation.yaml").toFile())
                .at("/Resources/TaskDefinition/Properties/ContainerDefinitions/0");
        for (JsonNode limit : List.of(container.at("/ulimits/0"), template.at("/Ulimits/0"))) {
            assertEquals("nofile", limit.path(limit.has("name") ? "name" : "Name").asText(), limit.toString());
            int soft = limit.path(limit.has("softLimit") ? "softLimit" : "SoftLimit").asInt();
            assertTrue(soft >= 2 * admitted, "room for " + admitted + " streams and the rest: " + limit);
        }
    }

    /**
     * Every setting that holds a credential, found on the configuration itself: a platform's
     * token, secret, password or key (SOURCES_X_BEARER_TOKEN, SOURCES_REDDIT_CLIENT_SECRET,
     * SOURCES_BLUESKY_APP_PASSWORD, SOURCES_YOUTUBE_API_KEY...) and API_KEYS.
     */
    @Test
    void everyCredentialSettingIsKnownToTheSecretCheck() {
        Set<String> secrets = secretVariables();
        for (String name : List.of("SOURCES_X_BEARER_TOKEN", "SOURCES_FACEBOOK_ACCESS_TOKEN",
                "SOURCES_REDDIT_CLIENT_SECRET", "SOURCES_BLUESKY_APP_PASSWORD", "SOURCES_YOUTUBE_API_KEY",
                "API_KEYS")) {
            assertTrue(secrets.contains(name), name + " in " + secrets);
        }
    }

    private static Set<String> secretVariables() {
        Set<String> names = new TreeSet<>(Set.of("API_KEYS", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"));
        names.addAll(Settings.credentialVariables());
        return names;
    }

    @Test
    void theAthenaTableInDeployIsTheOneTheServicePrintsForTheDeployedBucket() throws IOException {
        JsonNode container = json.readTree(root.resolve("deploy/ecs-task-definition.json").toFile())
                .at("/containerDefinitions/0");
        Map<String, String> env = new LinkedHashMap<>();
        container.get("environment").forEach(e -> env.put(e.get("name").asText(), e.get("value").asText()));
        String ddl = AthenaDdl.createTable("social_pulse_posts", env.get("LAKE_BUCKET"),
                env.get("LAKE_PREFIX"));
        assertEquals(ddl, Files.readString(root.resolve("deploy/athena-posts.sql")));
        String trends = AthenaDdl.createTrendsTable("social_pulse_trends", env.get("LAKE_BUCKET"),
                env.get("LAKE_PREFIX"));
        assertTrue(Files.readString(root.resolve("deploy/athena-trends.sql")).contains(trends), trends);
        // The projection template names the same partitions the writer writes.
        String partition = new LakeLayout(env.get("LAKE_PREFIX"), "s").partition("mastodon",
                Instant.parse("2026-01-02T03:04:05Z"));
        String template = "platform=${platform}/dt=${dt}/hour=${hour}";
        assertTrue(ddl.contains(template), ddl);
        assertEquals("platform=mastodon/dt=2026-01-02/hour=03", partition);
    }

    private Set<String> calledActions() throws IOException {
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                CALLS.forEach((call, action) -> {
                    if (code.contains(call)) {
                        actions.add(action);
                    }
                });
            }
        }
        return actions;
    }

    private static Set<String> actions(JsonNode policy) {
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : policy.get("Statement")) {
            JsonNode action = statement.get("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        }
        return actions;
    }
}
