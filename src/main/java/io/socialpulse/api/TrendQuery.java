package io.socialpulse.api;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;

import io.socialpulse.post.Platforms;
import io.socialpulse.trends.Influencers;
import io.socialpulse.trends.SentimentView;
import io.socialpulse.trends.TrendSnapshot;
import io.socialpulse.trends.Windows;

/** Query parameters of the trend endpoints, checked. */
final class TrendQuery {

    static final String ALL = "all";
    static final int MAX_LIMIT = 1000;

    private TrendQuery() {
    }

    static String of(String platform) {
        if (platform == null || platform.isBlank()) {
            return ALL;
        }
        String p = platform.strip().toLowerCase(Locale.ROOT);
        if (!p.equals(ALL) && !Platforms.ALL.contains(p)) {
            throw new BadRequestException("unknown platform '" + (p.length() > 32 ? p.substring(0, 32) + "…" : p)
                    + "'; use all or one of " + String.join(", ", Platforms.ALL));
        }
        return p;
    }

    static String window(String window, String fallback) {
        if (window == null || window.isBlank()) {
            return fallback;
        }
        try {
            return Windows.parse(window);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    static int limit(Integer limit, int fallback) {
        if (limit == null) {
            return fallback;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** A platform with no posts in the window at this tick. */
    static TrendSnapshot empty(TrendSnapshot all, String scope) {
        return new TrendSnapshot(all.id(), all.ts(), scope, all.windowSeconds(), 0, 0, all.platforms(),
                new SentimentView(0, 0, 0, 0, 0, 0), List.of(), List.of(), List.of(), List.of(), List.of(),
                Influencers.NONE);
    }

}
