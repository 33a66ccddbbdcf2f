package io.socialpulse.trends;

import java.util.Map;

/**
 * A watchlist term in the window: posts that carry it as a hashtag or in their text (counted
 * exactly), its share of the scope's posts (share of voice), and its count per platform.
 */
public record Watched(String term, long count, double share, Map<String, Long> platforms) {
}
