package io.socialpulse.stream.publish;

import java.util.Set;

/**
 * What to do about a failed entry or request, by error code. Kinesis reports two per-entry codes
 * (throughput exceeded, internal failure); whole requests fail with the KMS family, throttling,
 * validation errors, 5xx answers and connection faults.
 */
enum FailurePolicy {
    /** The shard is over its limit: rest that shard only, then resend. */
    SHARD_BACKOFF,
    /** A passing fault on Kinesis's side: resend soon. */
    RETRY_SOON,
    /** Throttling that is not one shard's (KMS, account limits): slow every send down. */
    SLOW_ALL,
    /** The request did not get an answer (timeout, reset, 5xx): send its entries again. */
    RETRY_REQUEST,
    /** No resend can succeed (invalid request): the posts go to the dead letter now. */
    DEAD_LETTER;

    private static final Set<String> THROTTLING = Set.of("KMSThrottlingException", "LimitExceededException",
            "ThrottlingException", "Throttling", "RequestLimitExceeded", "TooManyRequestsException");
    private static final Set<String> INVALID = Set.of("ValidationException", "InvalidArgumentException",
            "SerializationException");

    static FailurePolicy forEntry(String code) {
        if ("ProvisionedThroughputExceededException".equals(code)) {
            return SHARD_BACKOFF;
        }
        if (THROTTLING.contains(code)) {
            return SLOW_ALL;
        }
        return RETRY_SOON; // InternalFailure and whatever else an entry reports: worth another try
    }

    static FailurePolicy forRequest(String code) {
        if (INVALID.contains(code)) {
            return DEAD_LETTER;
        }
        if (THROTTLING.contains(code) || "ProvisionedThroughputExceededException".equals(code)) {
            return SLOW_ALL;
        }
        return RETRY_REQUEST;
    }
}
