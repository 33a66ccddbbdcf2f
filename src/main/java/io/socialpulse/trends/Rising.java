package io.socialpulse.trends;

import java.time.Instant;

/**
 * A tag against its own history: {@code count} in the recent period (by about {@code authors}
 * distinct authors), the {@code baseline} count
 * it usually has in such a period (an exponentially weighted mean), how many standard deviations
 * above it the count is ({@code z}), and since when it has been trending (null if it is not).
 */
public record Rising(String tag, long count, long authors, double baseline, double z, Instant trendingSince) {
}
