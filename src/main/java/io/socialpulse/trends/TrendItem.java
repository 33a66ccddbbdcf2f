package io.socialpulse.trends;

/**
 * A hashtag's count in the window. {@code count} is the sketch's estimate; the true count lies
 * between {@code lowerBound} and {@code upperBound}, which are equal while the sketch is exact.
 * {@code sentiment} covers the posts with the tag that were scored; {@code authors} estimates how
 * many distinct authors used it (null for mentions).
 */
public record TrendItem(int rank, String tag, long count, long lowerBound, long upperBound, SentimentView sentiment,
        Long authors) {
}
