package io.socialpulse.source.kit;

import java.util.LinkedHashMap;
import java.util.Map;

/** A post's metrics as its platform gives them: a count the platform leaves out stays absent, never zero. */
public final class Counts {

    private final Map<String, Long> counts = new LinkedHashMap<>();

    /** Adds {@code value} under {@code name} when the platform gave one. */
    public Counts add(String name, Long value) {
        if (value != null) {
            counts.put(name, value);
        }
        return this;
    }

    /** The counts given, in the order added. */
    public Map<String, Long> map() {
        return counts;
    }
}
