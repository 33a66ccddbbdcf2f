package io.socialpulse.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.LakeConfig;

import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The S3 operations the lake, the sources' cursors, the dead letters and the trend history need,
 * non-blocking, with retries on throttling and server errors on top of the SDK's own. A conditional create ({@code If-None-Match: *}) answers 412 when the key
 * exists: that is how a replayed roll finds its object already written.
 */
@Singleton
public class ObjectStore {

    private final S3AsyncClient s3;
    private final String bucket;

    @Inject
    ObjectStore(S3AsyncClient s3, LakeConfig config) {
        this(s3, config.bucket().orElse(""));
    }

    public ObjectStore(S3AsyncClient s3, String bucket) {
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
                        .onFailure(ObjectStore::exists).recoverWithItem(false));
    }

    /** An upload in progress: its key and id. */
    public record Upload(String key, String uploadId) {
    }

    /** Starts a multipart upload; the object appears only when {@link #complete} succeeds. */
    public Uni<Upload> startUpload(String key, String contentType, String encoding, Map<String, String> metadata) {
        CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder().bucket(bucket).key(key)
                .contentType(contentType).metadata(metadata);
        if (encoding != null) {
            request.contentEncoding(encoding);
        }
        return retried("start upload " + key,
                Uni.createFrom().completionStage(() -> s3.createMultipartUpload(request.build())))
                .map(response -> new Upload(key, response.uploadId()));
    }

    /** Uploads part {@code number} (from 1) and returns its ETag. */
    public Uni<String> uploadPart(Upload upload, int number, byte[] body) {
        return retried("upload part " + number + " of " + upload.key(), Uni.createFrom()
                .completionStage(() -> s3.uploadPart(r -> r.bucket(bucket).key(upload.key())
                        .uploadId(upload.uploadId()).partNumber(number), AsyncRequestBody.fromBytes(body))))
                .map(response -> response.eTag());
    }

    /**
     * Completes the upload unless the key exists ({@code If-None-Match: *}); true if this call
     * created the object. An upload that loses to an existing object is aborted.
     */
    public Uni<Boolean> complete(Upload upload, List<String> etags) {
        List<CompletedPart> parts = new ArrayList<>(etags.size());
        for (int i = 0; i < etags.size(); i++) {
            parts.add(CompletedPart.builder().partNumber(i + 1).eTag(etags.get(i)).build());
        }
        return retried("complete upload of " + upload.key(), Uni.createFrom()
                .completionStage(() -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(upload.key())
                        .uploadId(upload.uploadId()).ifNoneMatch("*").multipartUpload(m -> m.parts(parts))))
                .replaceWith(true)
                .onFailure(ObjectStore::exists).recoverWithItem(false))
                .onFailure(f -> S3Failures.status(f) == 404).recoverWithUni(gone -> exists(upload.key()).map(found -> {
                    if (!found) {
                        throw new IllegalStateException("the upload of " + upload.key() + " is gone", gone);
                    }
                    // A retry of a complete that went through, its answer lost: the object is there.
                    return false;
                }))
                .call(created -> created ? Uni.createFrom().voidItem() : abort(upload));
    }

    /** True if an object is stored under {@code key}. */
    public Uni<Boolean> exists(String key) {
        return retried("head " + key, Uni.createFrom()
                .completionStage(() -> s3.headObject(r -> r.bucket(bucket).key(key))).replaceWith(true)
                .onFailure(ObjectStore::missing).recoverWithItem(false));
    }

    /** Aborts the upload and frees its parts; one already gone is fine. */
    public Uni<Void> abort(Upload upload) {
        return retried("abort upload of " + upload.key(), Uni.createFrom()
                .completionStage(() -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key())
                        .uploadId(upload.uploadId())))
                .replaceWithVoid()
                .onFailure(f -> S3Failures.status(f) == 404).recoverWithNull());
    }

    /** The multipart uploads in progress under {@code prefix}. */
    public Uni<List<Upload>> uploads(String prefix) {
        return uploadPage(prefix, null, null, new ArrayList<>());
    }

    private Uni<List<Upload>> uploadPage(String prefix, String keyMarker, String idMarker, List<Upload> into) {
        ListMultipartUploadsRequest.Builder request = ListMultipartUploadsRequest.builder().bucket(bucket)
                .prefix(prefix).keyMarker(keyMarker).uploadIdMarker(idMarker);
        return retried("list uploads " + prefix,
                Uni.createFrom().completionStage(() -> s3.listMultipartUploads(request.build())))
                .chain((ListMultipartUploadsResponse response) -> {
                    response.uploads().forEach(u -> into.add(new Upload(u.key(), u.uploadId())));
                    return Boolean.TRUE.equals(response.isTruncated())
                            ? uploadPage(prefix, response.nextKeyMarker(), response.nextUploadIdMarker(), into)
                            : Uni.createFrom().item(into);
                });
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
                .onFailure(ObjectStore::missing).recoverWithItem(Optional.empty()));
    }

    /** An object's bytes and its ETag, the version a conditional write names. */
    public record Versioned(byte[] body, String etag) {
    }

    /** The object with its ETag, or empty when there is none. */
    public Uni<Optional<Versioned>> getVersioned(String key) {
        return retried("get " + key, Uni.createFrom()
                .completionStage(() -> s3.getObject(r -> r.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()))
                .map(bytes -> Optional.of(new Versioned(bytes.asByteArray(), bytes.response().eTag())))
                .onFailure(ObjectStore::missing).recoverWithItem(Optional.empty()));
    }

    /**
     * Writes the object only if it is still the version {@code etag} ({@code If-Match}), or, with a
     * null {@code etag}, only if there is none ({@code If-None-Match: *}). The new ETag, or empty when
     * another write came first.
     */
    public Uni<Optional<String>> replace(String key, byte[] body, String contentType, String etag) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType);
        if (etag == null) {
            request.ifNoneMatch("*");
        } else {
            request.ifMatch(etag);
        }
        return Uni.createFrom().completionStage(() -> s3.putObject(request.build(), AsyncRequestBody.fromBytes(body)))
                .map(response -> Optional.of(response.eTag()))
                .onFailure(S3Failures::lostRace).recoverWithItem(Optional.empty())
                .onFailure(S3Failures::retryable).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .withJitter(0.5).atMost(3);
    }

    /** Keys under {@code prefix} in name order, starting after {@code startAfter} when given. */
    public Uni<List<String>> list(String prefix, String startAfter) {
        return page(prefix, startAfter, null, new ArrayList<>()).map(l -> l.stream().map(Listed::key).toList());
    }

    /** A key and when its object was last written, by S3's clock. */
    public record Listed(String key, Instant modified) {
    }

    /** The objects under {@code prefix} in name order, with when each was last written. */
    public Uni<List<Listed>> listed(String prefix) {
        return page(prefix, null, null, new ArrayList<>());
    }

    private Uni<List<Listed>> page(String prefix, String startAfter, String token, List<Listed> into) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
        if (token != null) {
            request.continuationToken(token);
        } else if (startAfter != null) {
            request.startAfter(startAfter);
        }
        return retried("list " + prefix, Uni.createFrom().completionStage(() -> s3.listObjectsV2(request.build())))
                .chain((ListObjectsV2Response response) -> {
                    response.contents().forEach(o -> into.add(new Listed(o.key(), o.lastModified())));
                    return Boolean.TRUE.equals(response.isTruncated())
                            ? page(prefix, startAfter, response.nextContinuationToken(), into)
                            : Uni.createFrom().item(into);
                });
    }

    private <T> Uni<T> retried(String what, Uni<T> call) {
        return S3Failures.retried(bucket, what, call);
    }

    private static boolean exists(Throwable failure) {
        return S3Failures.status(failure) == 412;
    }

    private static boolean missing(Throwable failure) {
        return S3Failures.missing(failure);
    }
}
