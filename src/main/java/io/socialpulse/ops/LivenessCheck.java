package io.socialpulse.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.socialpulse.stream.publish.KinesisPublisher;

/**
 * Alive while the process can serve requests. Outages of Kinesis, S3 or a platform never fail liveness: restarting the
 * task would not fix them and would lose what it buffers.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    private final KinesisPublisher publisher;

    LivenessCheck(KinesisPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("process").up()
                .withData("publisherBuffered", publisher.pending()).build();
    }
}
