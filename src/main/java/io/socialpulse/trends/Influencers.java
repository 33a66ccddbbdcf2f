package io.socialpulse.trends;

import java.util.List;

/**
 * The accounts of a scope's window ranked by engagement and by reach, the scope's total
 * engagement, and the drivers of its rising and trending tags. {@code exact} says that every
 * account of the window fitted the sketches, so every figure is exact; when false, each figure is
 * what the account drew at least.
 */
public record Influencers(long engagementTotal, boolean exact, List<Influencer> engagement, List<Influencer> reach,
        List<Driver> drivers) {

    /** A scope without accounts in the window. */
    public static final Influencers NONE = new Influencers(0, true, List.of(), List.of(), List.of());

    public Influencers withDrivers(List<Driver> drivers) {
        return new Influencers(engagementTotal, exact, engagement, reach, drivers);
    }
}
