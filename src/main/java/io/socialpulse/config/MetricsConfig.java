package io.socialpulse.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the service's meters go besides {@code /q/metrics} ({@code METRICS_*}). */
@ConfigMapping(prefix = "metrics")
public interface MetricsConfig {

    /**
     * {@code METRICS_EMF}: also write the meters to standard output in CloudWatch's embedded metric
     * format, one line per set of dimensions, which CloudWatch Logs turns into metrics (ECS's
     * {@code awslogs} driver sends standard output there). Default false.
     */
    @WithDefault("false")
    boolean emf();

    /** {@code METRICS_EMF_INTERVAL}: how often; counters are written as their growth since the last time. Default 60s. */
    @WithDefault("60s")
    Duration emfInterval();

    /** {@code METRICS_EMF_NAMESPACE}: the CloudWatch namespace. Default {@code SocialPulse}. */
    @WithDefault("SocialPulse")
    String emfNamespace();
}
