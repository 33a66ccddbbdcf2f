package io.socialpulse.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/** Stops startup, before any part of the pipeline runs, when the configuration is unusable. */
@Singleton
public class ConfigGuard {

    void check(@Observes @Priority(1) StartupEvent event, KinesisConfig kinesis, LakeConfig lake,
            SourcesConfig sources, TrendsConfig trends, RolesConfig roles, AlertsConfig alerts, MetricsConfig metrics,
            @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> shutdownDelay) {
        List<String> problems = new ArrayList<>(ConfigCheck.problems(kinesis, lake, sources, trends, roles,
                shutdownDelay.orElse(Duration.ZERO)));
        problems.addAll(ConfigCheck.problems(alerts));
        problems.addAll(ConfigCheck.problems(metrics));
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
    }
}
