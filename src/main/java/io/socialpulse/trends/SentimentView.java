package io.socialpulse.trends;

/**
 * Sentiment of the posts behind a count: {@code n} scored posts, their {@code mean} VADER compound
 * in [-1, 1], the shares that were positive, neutral and negative, and how many posts could not be
 * scored (languages other than English).
 */
public record SentimentView(long n, double mean, double pos, double neu, double neg, long unscored) {
}
