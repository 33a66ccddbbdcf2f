package io.socialpulse.trends;

import java.util.List;

import io.socialpulse.post.Post;

/**
 * What a post's audience did with it, and whose it is. Engagement is the likes, reposts (shares on
 * Facebook), replies and quotes a platform reports for the post; views and bookmarks are not
 * engagement. An account is known by platform, handle and profile URL.
 */
public final class Engagement {

    /** The metrics that make engagement. */
    static final List<String> METRICS = List.of("likes", "reposts", "shares", "replies", "quotes");

    private Engagement() {
    }

    public static long of(Post post) {
        long sum = 0;
        for (String metric : METRICS) {
            Long value = post.metrics().get(metric);
            if (value != null && value > 0) {
                sum = sum + value < 0 ? Long.MAX_VALUE : sum + value; // saturate: a hostile count cannot wrap
            }
        }
        return sum;
    }

    /** The account of {@code author} on {@code platform}, or null when the post names nobody. */
    static AccountKey account(String platform, Post.Author author) {
        if (author == null) {
            return null;
        }
        String handle = author.handle() != null && !author.handle().isBlank() ? author.handle() : author.nativeId();
        if (handle == null || handle.isBlank()) {
            return null;
        }
        return new AccountKey(platform, handle, author.profileUrl());
    }
}
