package io.socialpulse.ops;

import java.time.Duration;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Asks the stream and the lake bucket whether they answer, at most once per {@code cacheFor}:
 * readiness is unauthenticated, and a flood of checks must not spend the account's control-plane
 * allowance (DescribeStreamSummary allows 20 calls a second) and turn the task unready itself.
 * Checks that come while a probe is under way share its answer.
 */
final class PipelineProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Uni<Tuple2<String, String>> states;

    PipelineProbe(KinesisAsyncClient kinesis, S3AsyncClient s3, String stream, String bucket, String prefix,
            boolean lake, Duration cacheFor) {
        Uni<String> kinesisState = probe(Uni.createFrom()
                .completionStage(() -> kinesis.describeStreamSummary(r -> r.streamName(stream)))
                .map(r -> r.streamDescriptionSummary().streamStatusAsString()));
        Uni<String> lakeState = lake
                ? probe(Uni.createFrom()
                        // A listing under our prefix: the task role may list only there (deploy/iam-task-policy.json).
                        .completionStage(() -> s3.listObjectsV2(r -> r.bucket(bucket)
                                .prefix(prefix + "/_checkpoints/").maxKeys(1)))
                        .map(r -> "reachable"))
                : Uni.createFrom().item("not this process's role");
        this.states = Uni.combine().all().unis(kinesisState, lakeState).asTuple().memoize().atLeast(cacheFor);
    }

    /** The stream's status and the lake's reachability, as of at most {@code cacheFor} ago. */
    Uni<Tuple2<String, String>> states() {
        return states;
    }

    private static Uni<String> probe(Uni<String> call) {
        return call.ifNoItem().after(TIMEOUT).fail()
                .onFailure().recoverWithItem(f -> "unreachable (" + f.getClass().getSimpleName() + ")");
    }
}
