package io.socialpulse.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks the settings that the mapping alone cannot: required values, ranges and combinations.
 * Every problem names the environment variable a user sets, since that is all they see on Fargate.
 */
public final class ConfigCheck {

    /** What {@code SOURCES_ENABLED} may name. */
    static final List<String> SOURCES = Stream.concat(SourcesConfig.CONNECTORS.stream(), Stream.of("none")).toList();
    static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::setting).toList();

    private final List<String> problems = new ArrayList<>();

    /** The environment variable that sets a property: {@code lake.roll-age} is {@code LAKE_ROLL_AGE}. */
    public static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    public static List<String> problems(KinesisConfig kinesis, LakeConfig lake, SourcesConfig sources,
            TrendsConfig trends, RolesConfig roles) {
        return problems(kinesis, lake, sources, trends, roles, Duration.ZERO);
    }

    /** @param shutdownDelay {@code SHUTDOWN_DELAY}, which comes before the stop's budget */
    public static List<String> problems(KinesisConfig kinesis, LakeConfig lake, SourcesConfig sources,
            TrendsConfig trends, RolesConfig roles, Duration shutdownDelay) {
        ConfigCheck check = new ConfigCheck();
        check.required("kinesis.stream", kinesis.stream());
        check.atLeast("kinesis.publisher.buffer-records", kinesis.publisher().bufferRecords(), 500);
        check.atLeast("kinesis.publisher.buffer-bytes", kinesis.publisher().bufferBytes(), 1 << 20);
        check.between("kinesis.publisher.max-in-flight", kinesis.publisher().maxInFlight(), 1, 64);
        check.positive("kinesis.publisher.linger", kinesis.publisher().linger());
        check.between("kinesis.publisher.rate-percent", kinesis.publisher().ratePercent(), 1, 200);
        check.atLeast("kinesis.publisher.max-attempts", kinesis.publisher().maxAttempts(), 1);
        check.positive("kinesis.publisher.record-ttl", kinesis.publisher().recordTtl());
        check.between("kinesis.publisher.aggregation-max-bytes", kinesis.publisher().aggregationMaxBytes(), 1024,
                10 << 20);
        check.positive("kinesis.publisher.shard-refresh", kinesis.publisher().shardRefresh());
        check.positive("kinesis.publisher.max-backoff", kinesis.publisher().maxBackoff());
        check.positive("kinesis.reader.shard-refresh", kinesis.reader().shardRefresh());
        check.positive("lake.dedup-horizon", lake.dedupHorizon());
        check.between("lake.dedup-max-ids", lake.dedupMaxIds(), 1, 100_000_000);
        check.notNegative("sources.jitter", sources.jitter());
        check.positive("sources.demo.burst-every", sources.demo().burstEvery());
        check.positive("sources.demo.burst-length", sources.demo().burstLength());
        check.notNegative("sources.demo.first-burst", sources.demo().firstBurst());
        check.positive("trends.alert-cooldown", trends.alertCooldown());
        check.notNegative("trends.replay", trends.replay());
        check.positive("trends.stall-timeout", trends.stallTimeout());
        check.positive("trends.rising.recent", trends.rising().recent());
        check.positive("trends.rising.half-life", trends.rising().halfLife());
        check.notNegative("trends.rising.warmup", trends.rising().warmup());
        check.atLeast("trends.rising.min-count", trends.rising().minCount(), 1);
        check.atLeast("trends.rising.min-authors", trends.rising().minAuthors(), 1);
        check.finite("trends.alert-z", trends.alertZ());
        check.finite("trends.rising.enter-z", trends.rising().enterZ());
        check.finite("trends.rising.exit-z", trends.rising().exitZ());
        if (trends.rising().exitZ() > trends.rising().enterZ()) {
            check.problem("trends.rising.exit-z", "must not be above TRENDS_RISING_ENTER_Z ("
                    + trends.rising().enterZ() + "), was " + trends.rising().exitZ());
        }
        check.positive("kinesis.reader.poll-interval", kinesis.reader().pollInterval());
        check.between("kinesis.reader.max-records", kinesis.reader().maxRecords(), 1, 10_000);
        if (!List.of("polling", "efo").contains(kinesis.reader().mode().strip().toLowerCase(Locale.ROOT))) {
            check.problem("kinesis.reader.mode", "must be polling or efo, was " + kinesis.reader().mode());
        }
        kinesis.reader().consumer().filter(name -> !name.matches("[a-zA-Z0-9_.-]{1,128}"))
                .ifPresent(name -> check.problem("kinesis.reader.consumer",
                        "must be 1 to 128 letters, digits, '_', '.' or '-', was " + name));
        if (roles.runs(Role.LAKE)) {
            check.required("lake.bucket", lake.bucket());
        }
        check.atLeast("lake.roll-bytes", lake.rollBytes(), 1024);
        check.positive("lake.roll-age", lake.rollAge());
        if (lake.leases()) {
            check.between("lake.lease-time", lake.leaseTime().toSeconds(), 3, 600); // seconds
            if (roles.runs(Role.TRENDS)) {
                check.problem("lake.leases", "needs a task without the trends role (SERVICE_ROLES), which reads"
                        + " every shard");
            }
        }
        check.atLeast("lake.part-bytes", lake.partBytes(), 5L << 20); // S3's smallest part but the last
        for (String source : sources.enabled()) {
            if (!SOURCES.contains(source)) {
                check.problem("sources.enabled", "unknown source '" + source + "', expected any of " + SOURCES);
            }
        }
        if (sources.enabled().contains("replay") && sources.replay().files().map(List::isEmpty).orElse(true)) {
            check.problem("sources.replay.files", "is required when the replay source is enabled");
        }
        SourceChecks.check(check, sources, lake, roles);
        check.between("sources.demo.rate", sources.demo().rate(), 1, 100_000);
        check.atLeast("sources.replay.rate", sources.replay().rate(), 0);
        check.between("sources.replay.page-size", sources.replay().pageSize(), 1, 10_000);
        if (!ReplayConfig.FORMATS.contains(sources.replay().format())) {
            check.problem("sources.replay.format", "must be one of " + ReplayConfig.FORMATS
                    + ", was '" + sources.replay().format() + "'");
        }
        check.positive("trends.window", trends.window());
        check.positive("trends.bucket", trends.bucket());
        check.positive("trends.tick", trends.tick());
        check.positive("trends.ping", trends.ping());
        if (trends.bucket().compareTo(Duration.ofMinutes(1)) > 0
                || 60_000 % Math.max(1, trends.bucket().toMillis()) != 0) {
            check.problem("trends.bucket", "must divide one minute, was " + trends.bucket());
        }
        if (!TrendsConfig.WINDOWS.containsValue(trends.window())) {
            check.problem("trends.window", "must be one of 1m, 5m, 15m, 1h, was " + trends.window());
        }
        check.atLeast("trends.sentiment-max-rate", trends.sentimentMaxRate(), 0);
        check.atLeast("trends.max-subscribers", trends.maxSubscribers(), 1);
        check.between("trends.top", trends.top(), 1, 1000);
        check.between("trends.influencers-top", trends.influencersTop(), 1, 100);
        check.between("trends.example-posts", trends.examplePosts(), 0, 20);
        if (Integer.bitCount(trends.sketchSize()) != 1 || trends.sketchSize() < 8) {
            check.problem("trends.sketch-size", "must be a power of two of at least 8, was " + trends.sketchSize());
        }
        check.stopBudget(roles.stopBudget(), shutdownDelay);
        check.positive("kinesis.publisher.flush-timeout", kinesis.publisher().flushTimeout());
        for (String role : roles.roles()) {
            if (!ROLES.contains(role)) {
                check.problem("service.roles", "unknown role '" + role + "', expected any of " + ROLES);
            }
        }
        return check.problems;
    }

    /** The alert webhook's settings; the URL is never repeated, since it may hold a token. */
    public static List<String> problems(AlertsConfig alerts) {
        ConfigCheck check = new ConfigCheck();
        alerts.webhookUrl().ifPresent(url -> {
            String problem = webhookProblem(url);
            if (problem != null) {
                check.problem("alerts.webhook-url", problem);
            }
        });
        alerts.snsTopicArn().ifPresent(arn -> {
            if (!arn.strip().matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}")) {
                check.problem("alerts.sns-topic-arn",
                        "is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)");
            }
        });
        check.between("alerts.webhook-attempts", alerts.webhookAttempts(), 1, 20);
        check.between("alerts.webhook-queue", alerts.webhookQueue(), 1, 10_000);
        check.positive("alerts.webhook-backoff", alerts.webhookBackoff());
        check.positive("alerts.webhook-timeout", alerts.webhookTimeout());
        return check.problems;
    }

    /** The embedded-metric-format output's settings. */
    public static List<String> problems(MetricsConfig metrics) {
        ConfigCheck check = new ConfigCheck();
        if (metrics.emfInterval().compareTo(Duration.ofSeconds(1)) < 0) {
            check.problem("metrics.emf-interval", "must be at least 1s, was " + metrics.emfInterval());
        }
        String namespace = metrics.emfNamespace().strip();
        if (namespace.isEmpty() || namespace.length() > 255 || namespace.startsWith("AWS/")
                || !namespace.matches("[A-Za-z0-9._#:/ -]+")) {
            check.problem("metrics.emf-namespace",
                    "must be 1 to 255 letters, digits or . - _ / # : and not start with AWS/");
        }
        return check.problems;
    }

    /**
     * The webhook URL checked: https, or http to a loopback address. Null when it is fine; else what
     * is wrong, without repeating the URL, which may hold a token.
     */
    static String webhookProblem(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return "is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost();
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (host.isEmpty()) {
            return "has no host";
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            return "must be https (http only to this machine)";
        }
        return null;
    }

    /** ECS sends SIGKILL 30 s after SIGTERM; the JVM needs a few seconds past the budget to exit. */
    static final Duration STOP_LIMIT = Duration.ofSeconds(25);

    void stopBudget(Duration budget, Duration shutdownDelay) {
        positive("service.stop-budget", budget);
        if (budget.plus(shutdownDelay).compareTo(STOP_LIMIT) > 0) {
            problem("service.stop-budget", "with SHUTDOWN_DELAY (" + shutdownDelay + ") must stay within "
                    + STOP_LIMIT.toSeconds() + " s, under ECS's 30 s before SIGKILL, was " + budget);
        }
    }

    void required(String property, Optional<String> value) {
        if (value.map(String::isBlank).orElse(true)) {
            problem(property, "is required");
        }
    }

    void atLeast(String property, long value, long min) {
        if (value < min) {
            problem(property, "must be at least " + min + ", was " + value);
        }
    }

    void between(String property, long value, long min, long max) {
        if (value < min || value > max) {
            problem(property, "must be between " + min + " and " + max + ", was " + value);
        }
    }

    void positive(String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problem(property, "must be a positive duration, was " + value);
        }
    }

    void notNegative(String property, Duration value) {
        if (value.isNegative()) {
            problem(property, "must not be negative, was " + value);
        }
    }

    void finite(String property, double value) {
        if (!Double.isFinite(value)) {
            problem(property, "must be a number, was " + value);
        }
    }

    void problem(String property, String text) {
        problems.add(envName(property) + " " + text);
    }
}
