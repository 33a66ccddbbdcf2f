package io.socialpulse.stream.publish;

/** The publisher is stopping and takes no more posts; the caller keeps its cursor where it is. */
public class PublisherClosedException extends IllegalStateException {

    public PublisherClosedException() {
        super("the publisher is stopping and accepts no more posts");
    }
}
