package io.socialpulse.trends;

/**
 * An account in a scope's window: {@code engagement} is the likes, reposts, replies and quotes its
 * posts drew in the window (a repost of its post by someone else adds one), {@code share} that
 * engagement's part of the scope's whole, {@code posts} how many posts it made, and {@code reach}
 * the sum of its follower count over those posts (followers × posts). Counts are exact while the
 * accounts of the window fit its sketches, and lower bounds past that.
 */
public record Influencer(int rank, String account, String platform, String profileUrl, long engagement, double share,
        long posts, long reach) {
}
