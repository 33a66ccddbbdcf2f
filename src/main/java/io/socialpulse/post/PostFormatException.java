package io.socialpulse.post;

/** A record or line that is not a usable post: not JSON, or missing a field every post has. */
public class PostFormatException extends RuntimeException {

    public PostFormatException(String message) {
        super(message);
    }

    public PostFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
