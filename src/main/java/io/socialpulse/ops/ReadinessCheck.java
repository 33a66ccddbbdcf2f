package io.socialpulse.ops;

import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.socialpulse.config.KinesisConfig;
import io.socialpulse.config.LakeConfig;
import io.socialpulse.config.Role;
import io.socialpulse.config.RolesConfig;
import io.socialpulse.source.SourceRunner;
import io.socialpulse.source.SourceStatus;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Ready when the stream answers, the lake bucket answers (with the lake role), and the process is
 * not stopping. Sources that fail are reported in the data but do not make the service unready:
 * one platform's outage must not take the others out of the load balancer.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements AsyncHealthCheck {

    /** How long a probe's answer serves further checks (ECS and load balancers ask every few seconds). */
    private static final Duration CACHE = Duration.ofSeconds(5);

    private final PipelineProbe probe;
    private final KinesisConfig kinesisConfig;
    private final LakeConfig lakeConfig;
    private final RolesConfig roles;
    private final Lifecycle lifecycle;
    private final SourceRunner sources;

    ReadinessCheck(KinesisAsyncClient kinesis, S3AsyncClient s3, KinesisConfig kinesisConfig, LakeConfig lakeConfig,
            RolesConfig roles, Lifecycle lifecycle, SourceRunner sources) {
        this.probe = new PipelineProbe(kinesis, s3, kinesisConfig.stream().orElse(""),
                lakeConfig.bucket().orElse(""), lakeConfig.prefix(), roles.runs(Role.LAKE), CACHE);
        this.kinesisConfig = kinesisConfig;
        this.lakeConfig = lakeConfig;
        this.roles = roles;
        this.lifecycle = lifecycle;
        this.sources = sources;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("pipeline");
        if (lifecycle.stopping()) {
            return Uni.createFrom().item(response.down().withData("stopping", true).build());
        }
        String stream = kinesisConfig.stream().orElse("");
        return probe.states().map(states -> {
            boolean up = ("ACTIVE".equals(states.getItem1()) || "UPDATING".equals(states.getItem1()))
                    && !states.getItem2().startsWith("unreachable");
            response.status(up).withData("kinesis", stream + ": " + states.getItem1())
                    .withData("lake", lakeConfig.bucket().orElse("-") + ": " + states.getItem2());
            for (SourceStatus source : sources.status()) {
                // A parked or failing source is degraded, reported here and in metrics; it does not make
                // the task unready, or one platform's quota would take every other source down with it.
                String state = source.state().name().toLowerCase(Locale.ROOT)
                        + (source.until() == null ? "" : " until " + source.until())
                        + (source.lastError() == null ? "" : ": " + source.lastError());
                response.withData("source " + source.id(), state);
            }
            return response.build();
        });
    }
}
