package io.socialpulse.source;

import java.util.List;

import io.socialpulse.post.Post;

/**
 * Posts from one poll and the cursor that follows them. {@code more} says another page is ready
 * now, so the runner polls again at once instead of waiting for the next interval.
 */
public record Page(List<Post> posts, String cursor, boolean more) {

    public Page {
        posts = List.copyOf(posts);
    }

    public static Page empty(String cursor) {
        return new Page(List.of(), cursor, false);
    }
}
