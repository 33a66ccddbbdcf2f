package io.socialpulse.trends;

import java.time.Instant;

/** A spike: a watched or trending term whose count jumped {@code z} standard deviations above its baseline. */
public record Alert(Instant ts, String term, String kind, long count, double baseline, double z, boolean watched) {
}
