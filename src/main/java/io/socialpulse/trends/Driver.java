package io.socialpulse.trends;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who carries a rising or trending tag: the accounts posting it most (with the engagement those
 * posts drew) and its most engaging posts, counted since the tag was first tracked. {@code exact}
 * says every account posting it fitted the sketch; when false, the figures are lower bounds.
 */
public record Driver(String tag, boolean exact, List<Account> accounts, List<Example> examples) {

    public record Account(String account, String platform, String profileUrl, long posts, long engagement) {
    }

    /** A post to open to see why: its text cut to 280 characters. */
    public record Example(String url, String author, String platform, String text, Map<String, Long> metrics,
            long engagement, Instant createdAt) {
    }
}
