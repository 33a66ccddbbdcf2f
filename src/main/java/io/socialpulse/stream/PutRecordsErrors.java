package io.socialpulse.stream;

import java.util.List;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** The error code of a failed Kinesis call: the service's code, or the root exception's class name. */
public final class PutRecordsErrors {

    private PutRecordsErrors() {
    }

    public static String code(Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    && aws.awsErrorDetails().errorCode() != null) {
                return aws.awsErrorDetails().errorCode();
            }
            cause = cause.getCause();
        }
        return root(failure).getClass().getSimpleName();
    }

    /** The first entry error of a PutRecords answer, or that entries are missing. */
    public static String first(List<PutRecordsResultEntry> results) {
        return results.stream().filter(r -> r.errorCode() != null).findFirst()
                .map(r -> r.errorCode() + ": " + r.errorMessage()).orElse("missing result entries");
    }

    public static String message(Throwable failure) {
        String message = root(failure).getMessage();
        return code(failure) + (message == null ? "" : ": " + message);
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
