package io.socialpulse.source.youtube;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;

/**
 * YouTube's daily quota, counted on our side because the API sends no headers: units for most
 * calls and a separate count of {@code search.list} calls, both reset at midnight Pacific time.
 * A call that would pass either budget is not made; the source parks until the reset.
 */
public final class YoutubeQuota {

    static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    private final Clock clock;
    private final int units;
    private final int searches;
    private LocalDate day;
    private int usedUnits;
    private int usedSearches;

    public YoutubeQuota(Clock clock, int units, int searches) {
        this.clock = clock;
        this.units = units;
        this.searches = searches;
    }

    /** Spends one unit, or one search; fails with QUOTA until the next reset when the budget is gone. */
    public synchronized void spend(boolean search) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), PACIFIC);
        if (!today.equals(day)) {
            day = today;
            usedUnits = 0;
            usedSearches = 0;
        }
        if (search ? usedSearches >= searches : usedUnits >= units) {
            throw new PlatformException(Kind.QUOTA, "YouTube daily " + (search ? "search" : "unit") + " budget of "
                    + (search ? searches : units) + " spent; resets at midnight Pacific", nextReset(), null);
        }
        if (search) {
            usedSearches++;
        } else {
            usedUnits++;
        }
    }

    /** The next midnight in Pacific time. */
    public Instant nextReset() {
        return LocalDate.ofInstant(clock.instant(), PACIFIC).plusDays(1).atStartOfDay(PACIFIC).toInstant();
    }

    public synchronized int usedUnits() {
        return usedUnits;
    }

    public synchronized int usedSearches() {
        return usedSearches;
    }
}
