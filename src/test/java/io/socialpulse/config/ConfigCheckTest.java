package io.socialpulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class ConfigCheckTest {

    private static List<String> problems(Map<String, String> values) {
        return problems(values, Duration.ZERO);
    }

    private static List<String> problems(Map<String, String> values, Duration shutdownDelay) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(KinesisConfig.class).withMapping(LakeConfig.class).withMapping(SourcesConfig.class)
                .withMapping(TrendsConfig.class).withMapping(RolesConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(values).build();
        return ConfigCheck.problems(config.getConfigMapping(KinesisConfig.class),
                config.getConfigMapping(LakeConfig.class),
                config.getConfigMapping(SourcesConfig.class), config.getConfigMapping(TrendsConfig.class),
                config.getConfigMapping(RolesConfig.class), shutdownDelay);
    }

    private static Map<String, String> valid() {
        Map<String, String> values = new HashMap<>();
        values.put("kinesis.stream", "posts");
        values.put("lake.bucket", "lake");
        return values;
    }

    @Test
    void theDefaultsWithAStreamAndABucketAreValid() {
        assertEquals(List.of(), problems(valid()));
    }

    @Test
    void namesTheMissingEnvironmentVariables() {
        assertEquals(List.of("KINESIS_STREAM is required", "LAKE_BUCKET is required"), problems(Map.of()));
    }

    @Test
    void aProcessWithoutTheLakeRoleNeedsNoBucket() {
        assertEquals(List.of(), problems(Map.of("kinesis.stream", "posts", "service.roles", "sources,trends")));
    }

    @Test
    void namesTheVariableOfEveryValueOutOfRange() {
        Map<String, String> values = valid();
        values.put("lake.roll-age", "0s");
        values.put("kinesis.publisher.max-in-flight", "0");
        values.put("trends.sketch-size", "1000");
        values.put("sources.enabled", "demo,twitter");
        values.put("service.roles", "lake,archive");
        List<String> problems = problems(values);
        assertEquals(5, problems.size(), problems.toString());
        for (String variable : List.of("LAKE_ROLL_AGE", "KINESIS_PUBLISHER_MAX_IN_FLIGHT", "TRENDS_SKETCH_SIZE",
                "SOURCES_ENABLED", "SERVICE_ROLES")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(variable + " ")), variable + " in " + problems);
        }
    }

    @Test
    void theStopBudgetWithTheShutdownDelayStaysUnderEcsSigkill() {
        List<String> problems = problems(valid(), Duration.ofSeconds(10));
        assertEquals(List.of("SERVICE_STOP_BUDGET with SHUTDOWN_DELAY (PT10S) must stay within 25 s, under ECS's 30 s"
                + " before SIGKILL, was PT20S"), problems);
        Map<String, String> values = valid();
        values.put("service.stop-budget", "0s");
        values.put("kinesis.publisher.flush-timeout", "-1s");
        assertEquals(List.of("SERVICE_STOP_BUDGET must be a positive duration, was PT0S",
                "KINESIS_PUBLISHER_FLUSH_TIMEOUT must be a positive duration, was PT-1S"), problems(values));
    }

    @Test
    void everyDurationAndCountIsRangeCheckedNamingItsVariable() {
        Map<String, String> values = valid();
        values.put("kinesis.publisher.max-backoff", "-1s");
        values.put("kinesis.reader.shard-refresh", "0s");
        values.put("lake.dedup-horizon", "0s");
        values.put("sources.jitter", "-5s");
        values.put("trends.stall-timeout", "0s");
        values.put("trends.rising.min-count", "0");
        values.put("trends.rising.exit-z", "5");
        assertEquals(List.of("KINESIS_PUBLISHER_MAX_BACKOFF must be a positive duration, was PT-1S",
                "KINESIS_READER_SHARD_REFRESH must be a positive duration, was PT0S",
                "LAKE_DEDUP_HORIZON must be a positive duration, was PT0S",
                "SOURCES_JITTER must not be negative, was PT-5S",
                "TRENDS_STALL_TIMEOUT must be a positive duration, was PT0S",
                "TRENDS_RISING_MIN_COUNT must be at least 1, was 0",
                "TRENDS_RISING_EXIT_Z must not be above TRENDS_RISING_ENTER_Z (3.0), was 5.0"), problems(values));
    }

    @Test
    void theReaderModeIsPollingOrEfoAndTheConsumerNameOneKinesisTakes() {
        Map<String, String> values = valid();
        values.put("kinesis.reader.mode", "EFO");
        values.put("kinesis.reader.consumer", "trends-a.1_b");
        assertEquals(List.of(), problems(values));
        values.put("kinesis.reader.mode", "push");
        values.put("kinesis.reader.consumer", "trends a");
        assertEquals(List.of("KINESIS_READER_MODE must be polling or efo, was push",
                "KINESIS_READER_CONSUMER must be 1 to 128 letters, digits, '_', '.' or '-', was trends a"),
                problems(values));
    }

    @Test
    void shardLeasesNeedALakeTaskWithoutTheTrendViewAndASaneLeaseTime() {
        Map<String, String> values = valid();
        values.put("lake.leases", "true");
        values.put("service.roles", "lake");
        assertEquals(List.of(), problems(values));
        values.put("service.roles", "lake,trends");
        values.put("lake.lease-time", "1s");
        assertEquals(List.of("LAKE_LEASE_TIME must be between 3 and 600, was 1",
                "LAKE_LEASES needs a task without the trends role (SERVICE_ROLES), which reads every shard"),
                problems(values));
    }

    @Test
    void theInfluencerListsAreBounded() {
        Map<String, String> values = valid();
        values.put("trends.influencers-top", "0");
        values.put("trends.example-posts", "21");
        assertEquals(List.of("TRENDS_INFLUENCERS_TOP must be between 1 and 100, was 0",
                "TRENDS_EXAMPLE_POSTS must be between 0 and 20, was 21"), problems(values));
    }

    private static List<String> alertProblems(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(AlertsConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()).withDefaultValues(values).build();
        return ConfigCheck.problems(config.getConfigMapping(AlertsConfig.class));
    }

    @Test
    void theAlertWebhookMustBeHttpsAndItsUrlIsNeverRepeated() {
        assertEquals(List.of(),
                alertProblems(Map.of("alerts.webhook-url", "https://hooks.slack.com/services/T/B/s3cret")));
        assertEquals(List.of(), alertProblems(Map.of("alerts.webhook-url", "http://127.0.0.1:9000/hook")));
        assertEquals(List.of("ALERTS_WEBHOOK_URL must be https (http only to this machine)"),
                alertProblems(Map.of("alerts.webhook-url", "http://hooks.example.com/services/s3cret")));
        assertEquals(List.of("ALERTS_WEBHOOK_URL has no host"), alertProblems(Map.of("alerts.webhook-url", "s3cret")));
        assertEquals(List.of("ALERTS_WEBHOOK_ATTEMPTS must be between 1 and 20, was 0",
                "ALERTS_WEBHOOK_BACKOFF must be a positive duration, was PT0S"),
                alertProblems(Map.of("alerts.webhook-attempts", "0", "alerts.webhook-backoff", "0s")));
    }

    @Test
    void theAlertTopicMustBeAStandardSnsTopicArn() {
        assertEquals(List.of(),
                alertProblems(Map.of("alerts.sns-topic-arn", "arn:aws:sns:eu-west-1:123456789012:pulse-alerts")));
        for (String wrong : List.of("pulse-alerts", "arn:aws:sqs:eu-west-1:123456789012:pulse-alerts",
                "arn:aws:sns:eu-west-1:1234:pulse-alerts", "arn:aws:sns:eu-west-1:123456789012:pulse.fifo")) {
            assertEquals(
                    List.of("ALERTS_SNS_TOPIC_ARN is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)"),
                    alertProblems(Map.of("alerts.sns-topic-arn", wrong)), wrong);
        }
    }

    @Test
    void theMetricsOutputNeedsASaneIntervalAndNamespace() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(MetricsConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(Map.of("metrics.emf-interval", "100ms", "metrics.emf-namespace", "AWS/Kinesis"))
                .build();
        assertEquals(List.of("METRICS_EMF_INTERVAL must be at least 1s, was PT0.1S",
                "METRICS_EMF_NAMESPACE must be 1 to 255 letters, digits or . - _ / # : and not start with AWS/"),
                ConfigCheck.problems(config.getConfigMapping(MetricsConfig.class)));
    }

    @Test
    void replayNeedsFiles() {
        Map<String, String> values = valid();
        values.put("sources.enabled", "replay");
        assertEquals(List.of("SOURCES_REPLAY_FILES is required when the replay source is enabled"), problems(values));
    }

    @Test
    void eachPlatformNamesWhatItStillNeeds() {
        Map<String, String> values = valid();
        values.put("sources.enabled", "x,facebook,instagram,linkedin");
        assertEquals(List.of("SOURCES_X_BEARER_TOKEN is required",
                "SOURCES_X_QUERIES is required when its platform is in SOURCES_ENABLED",
                "SOURCES_FACEBOOK_ACCESS_TOKEN is required",
                "SOURCES_FACEBOOK_PAGES is required when its platform is in SOURCES_ENABLED",
                "SOURCES_INSTAGRAM_ACCESS_TOKEN is required", "SOURCES_INSTAGRAM_USER_ID is required",
                "SOURCES_INSTAGRAM_HASHTAGS is required when its platform is in SOURCES_ENABLED",
                "SOURCES_LINKEDIN_ACCESS_TOKEN is required",
                "SOURCES_LINKEDIN_ORGANIZATIONS is required when its platform is in SOURCES_ENABLED"),
                problems(values));
    }

    @Test
    void platformLimitsAreCheckedBeforeTheFirstRequest() {
        Map<String, String> values = valid();
        values.put("sources.enabled", "x,instagram,linkedin,facebook");
        values.put("sources.x.bearer-token", "AAAAsecretvalue123");
        values.put("sources.x.queries", "a".repeat(513));
        values.put("sources.x.backfill", "8d");
        values.put("sources.instagram.access-token", "IGQVJsecretvalue123");
        values.put("sources.instagram.user-id", "17841405309211844");
        values.put("sources.instagram.hashtags", String.join(",",
                IntStream.rangeClosed(1, 31).mapToObj(i -> "tag" + i).toList()));
        values.put("sources.linkedin.access-token", "AQVsecretvalue123");
        values.put("sources.linkedin.organizations", "2414183,acme");
        values.put("sources.linkedin.version", "2026-01");
        values.put("sources.facebook.access-token", "EAAGsecretvalue123");
        values.put("sources.facebook.pages", "104998765432109");
        values.put("sources.facebook.graph-version", "25");
        values.put("sources.facebook.base-url", "graph.facebook.com");
        List<String> problems = problems(values);
        assertEquals(7, problems.size(), problems.toString());
        for (String variable : List.of("SOURCES_X_QUERIES has a query of 513 characters", "SOURCES_X_BACKFILL",
                "SOURCES_INSTAGRAM_HASHTAGS names 31 hashtags; Instagram lets one account search at most 30",
                "SOURCES_LINKEDIN_ORGANIZATIONS", "SOURCES_LINKEDIN_VERSION", "SOURCES_FACEBOOK_GRAPH_VERSION",
                "SOURCES_FACEBOOK_BASE_URL")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(variable)), variable + " in " + problems);
        }
        for (String secret : List.of("AAAAsecretvalue123", "IGQVJsecretvalue123", "AQVsecretvalue123",
                "EAAGsecretvalue123")) {
            assertTrue(problems.stream().noneMatch(p -> p.contains(secret)), "no token in " + problems);
        }
    }

    @Test
    void theOpenPlatformsNeedOnlyWhatToFollow() {
        Map<String, String> values = valid();
        values.put("sources.enabled", "mastodon,hackernews");
        values.put("sources.mastodon.hashtags", "acme");
        values.put("sources.mastodon.page-size", "80");
        assertEquals(List.of("SOURCES_MASTODON_INSTANCES is required when its platform is in SOURCES_ENABLED",
                "SOURCES_MASTODON_PAGE_SIZE must be between 1 and 40, was 80",
                "SOURCES_HACKERNEWS_QUERIES is required when its platform is in SOURCES_ENABLED"), problems(values));
        values.put("sources.mastodon.instances", "mastodon.social,https://fosstodon.org/");
        values.put("sources.mastodon.page-size", "40");
        values.put("sources.hackernews.queries", "acme");
        assertEquals(List.of(), problems(values));
    }

    @Test
    void envNameFollowsTheMicroProfileRule() {
        assertEquals("KINESIS_PUBLISHER_BUFFER_RECORDS", ConfigCheck.envName("kinesis.publisher.buffer-records"));
    }

    @Test
    void theNewConnectorSettingsAreRangeChecked() {
        Map<String, String> values = valid();
        values.put("sources.enabled", "mastodon,jetstream,x,facebook");
        values.put("sources.mastodon.instances", "mastodon.social");
        values.put("sources.mastodon.hashtags", "acme");
        values.put("sources.mastodon.lookback", "-1m");
        values.put("sources.jetstream.idle-timeout", "0s");
        values.put("sources.x.bearer-token", "token");
        values.put("sources.x.queries", "acme");
        values.put("sources.x.reposts", "sometimes");
        values.put("sources.facebook.access-token", "token");
        values.put("sources.facebook.pages", "1");
        values.put("sources.facebook.comments-window", "-1h");
        List<String> problems = problems(values);
        for (String variable : List.of("SOURCES_MASTODON_LOOKBACK", "SOURCES_JETSTREAM_IDLE_TIMEOUT",
                "SOURCES_X_REPOSTS", "SOURCES_FACEBOOK_COMMENTS_WINDOW")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(variable + " ")), variable + " in " + problems);
        }
        assertEquals(4, problems.size(), problems.toString());
    }
}
