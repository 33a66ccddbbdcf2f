package io.socialpulse.trends;

import java.util.List;

import io.socialpulse.post.Post;

/**
 * What a post's audience did with it, and whose it is. Engagement is the likes, reposts (shares on
 * Facebook), replies and quotes a platform reports for the post; views and bookmarks are not
 * engagement. An account is known by platform, handle and profile URL, joined in one key so that a
 * sketch can count it.
 */
final class Engagement {

    /** The metrics that make engagement. */
    static final List<String> METRICS = List.of("likes", "reposts", "shares", "replies", "quotes");
    private static final char SEPARATOR = '\t';

    private Engagement() {
    }

    static long of(Post post) {
        long sum = 0;
        for (String metric : METRICS) {
            Long value = post.metrics().get(metric);
            if (value != null && value > 0) {
                sum = sum + value < 0 ? Long.MAX_VALUE : sum + value; // saturate: a hostile count cannot wrap
            }
        }
        return sum;
    }

    /** The account key of {@code author} on {@code platform}, or null when the post names nobody. */
    static String account(String platform, Post.Author author) {
        if (author == null) {
            return null;
        }
        String handle = author.handle() != null && !author.handle().isBlank() ? author.handle() : author.nativeId();
        if (handle == null || handle.isBlank()) {
            return null;
        }
        return platform + SEPARATOR + clean(handle) + SEPARATOR
                + (author.profileUrl() == null ? "" : clean(author.profileUrl()));
    }

    /** The parts of an account key: platform, handle, profile URL (null when unknown). */
    static String[] parts(String account) {
        String[] parts = account.split(String.valueOf(SEPARATOR), 3);
        return new String[]{parts[0], parts[1], parts[2].isEmpty() ? null : parts[2]};
    }

    private static String clean(String value) {
        return value.indexOf(SEPARATOR) < 0 ? value : value.replace(SEPARATOR, ' ');
    }
}
