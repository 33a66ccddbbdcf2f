package io.socialpulse.stream.read;

/**
 * A listener's answer that is not a fault: what it holds is void, and the shard is to be read
 * again from the checkpoint at once, without a backoff or a warning.
 */
public class ReadAgainException extends RuntimeException {

    protected ReadAgainException(String message) {
        super(message, null, false, false);
    }
}
