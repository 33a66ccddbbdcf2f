package io.socialpulse.store;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** How an S3 call failed, and the retries on throttling and server errors on top of the SDK's own. */
final class S3Failures {

    private static final int ATTEMPTS = 6;

    private S3Failures() {
    }

    static <T> Uni<T> retried(String bucket, String what, Uni<T> call) {
        return call.onFailure(S3Failures::retryable).invoke(f -> Log.warnf("s3 bucket %s: %s failed (%s), retrying",
                bucket, what, f.getMessage()))
                .onFailure(S3Failures::retryable).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .withJitter(0.5).atMost(ATTEMPTS);
    }

    static boolean missing(Throwable failure) {
        return unwrap(failure) instanceof NoSuchKeyException || status(failure) == 404;
    }

    /** A conditional write that another write beat: 412, or 409 while both were under way. */
    static boolean lostRace(Throwable failure) {
        int status = status(failure);
        return status == 412 || status == 409;
    }

    static boolean retryable(Throwable failure) {
        int status = status(failure);
        // 409 is a conflicting concurrent conditional write: the retry sees the object and gets 412.
        return status == 0 || status == 409 || status == 429 || status >= 500;
    }

    static int status(Throwable failure) {
        return unwrap(failure) instanceof S3Exception s3 ? s3.statusCode() : 0;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException
                || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
