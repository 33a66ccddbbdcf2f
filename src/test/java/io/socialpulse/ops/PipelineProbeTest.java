package io.socialpulse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Eventually;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** A flood of readiness checks costs the account one probe of each service per cache period. */
class PipelineProbeTest {

    /** Counts the requests the real clients send to the emulators. */
    private static final class Calls implements ExecutionInterceptor {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            count.incrementAndGet();
        }
    }

    @Test
    void aFloodOfChecksProbesEachServiceOncePerCachePeriod() {
        Emulators emulators = Emulators.get();
        String stream = emulators.createStream("probe", 1);
        String bucket = emulators.createBucket("probe");
        Calls kinesisCalls = new Calls();
        Calls s3Calls = new Calls();
        try (KinesisAsyncClient kinesis = KinesisAsyncClient.builder().region(Emulators.REGION)
                .credentialsProvider(Emulators.credentials()).endpointOverride(emulators.kinesisEndpoint())
                .overrideConfiguration(c -> c.addExecutionInterceptor(kinesisCalls)).build();
                S3AsyncClient s3 = S3AsyncClient.builder().region(Emulators.REGION)
                        .credentialsProvider(Emulators.credentials()).endpointOverride(emulators.s3Endpoint())
                        .forcePathStyle(true).overrideConfiguration(c -> c.addExecutionInterceptor(s3Calls)).build()) {
            PipelineProbe probe = new PipelineProbe(kinesis, s3, stream, bucket, "social-pulse", true,
                    Duration.ofSeconds(2));
            List<Uni<Tuple2<String, String>>> checks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                checks.add(probe.states());
            }
            for (Tuple2<String, String> states : Uni.join().all(checks).andFailFast().await()
                    .atMost(Duration.ofSeconds(30))) {
                assertEquals("ACTIVE", states.getItem1());
                assertEquals("reachable", states.getItem2());
            }
            for (int i = 0; i < 50; i++) {
                probe.states().await().atMost(Duration.ofSeconds(10));
            }
            assertEquals(1, kinesisCalls.count.get(), "one DescribeStreamSummary for 250 checks");
            assertEquals(1, s3Calls.count.get(), "one ListObjectsV2 for 250 checks");
            // Once the period is over, the next check asks again.
            Eventually.get(Duration.ofSeconds(20), () -> {
                probe.states().await().atMost(Duration.ofSeconds(10));
                return kinesisCalls.count.get();
            }, n -> n >= 2);
            assertEquals(2, kinesisCalls.count.get());
        }
    }
}
