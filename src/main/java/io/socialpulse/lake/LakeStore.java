package io.socialpulse.lake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.config.LakeConfig;

import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 operations the lake needs, non-blocking, with retries on throttling and server errors on
 * top of the SDK's own. A conditional create ({@code If-None-Match: *}) answers 412 when the key
 * exists: that is how a replayed roll finds its object already written.
 */
@Singleton
public class LakeStore {

    private static final int ATTEMPTS = 6;

    private final S3AsyncClient s3;
    private final String bucket;

    @Inject
    LakeStore(S3AsyncClient s3, LakeConfig config) {
        this(s3, config.bucket().orElse(""));
    }

    public LakeStore(S3AsyncClient s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the object unless the key exists; true if this call created it. */
    public Uni<Boolean> create(String key, byte[] body, String contentType, String encoding,
            Map<String, String> metadata) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).ifNoneMatch("*")
                .contentType(contentType).metadata(metadata);
        if (encoding != null) {
            request.contentEncoding(encoding);
        }
        return retried("create " + key,
                Uni.createFrom().completionStage(() -> s3.putObject(request.build(), AsyncRequestBody.fromBytes(body)))
                        .replaceWith(true)
                        .onFailure(LakeStore::exists).recoverWithItem(false));
    }

    public Uni<Void> put(String key, byte[] body, String contentType) {
        PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build();
        return retried("put " + key,
                Uni.createFrom().completionStage(() -> s3.putObject(request, AsyncRequestBody.fromBytes(body))))
                .replaceWithVoid();
    }

    public Uni<Optional<byte[]>> get(String key) {
        return retried("get " + key, Uni.createFrom()
                .completionStage(() -> s3.getObject(r -> r.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()))
                .map(bytes -> Optional.of(bytes.asByteArray()))
                .onFailure(LakeStore::missing).recoverWithItem(Optional.empty()));
    }

    /** Keys under {@code prefix} in name order, starting after {@code startAfter} when given. */
    public Uni<List<String>> list(String prefix, String startAfter) {
        return page(prefix, startAfter, null, new ArrayList<>());
    }

    private Uni<List<String>> page(String prefix, String startAfter, String token, List<String> into) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
        if (token != null) {
            request.continuationToken(token);
        } else if (startAfter != null) {
            request.startAfter(startAfter);
        }
        return retried("list " + prefix, Uni.createFrom().completionStage(() -> s3.listObjectsV2(request.build())))
                .chain((ListObjectsV2Response response) -> {
                    response.contents().stream().map(S3Object::key).forEach(into::add);
                    return Boolean.TRUE.equals(response.isTruncated())
                            ? page(prefix, startAfter, response.nextContinuationToken(), into)
                            : Uni.createFrom().item(into);
                });
    }

    private <T> Uni<T> retried(String what, Uni<T> call) {
        return call.onFailure(LakeStore::retryable).invoke(f -> Log.warnf("s3 bucket %s: %s failed (%s), retrying",
                bucket, what, f.getMessage()))
                .onFailure(LakeStore::retryable).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .withJitter(0.5).atMost(ATTEMPTS);
    }

    private static boolean exists(Throwable failure) {
        return status(failure) == 412;
    }

    private static boolean missing(Throwable failure) {
        return unwrap(failure) instanceof NoSuchKeyException || status(failure) == 404;
    }

    private static boolean retryable(Throwable failure) {
        int status = status(failure);
        // 409 is a conflicting concurrent conditional write: the retry sees the object and gets 412.
        return status == 0 || status == 409 || status == 429 || status >= 500;
    }

    private static int status(Throwable failure) {
        return unwrap(failure) instanceof S3Exception s3 ? s3.statusCode() : 0;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
