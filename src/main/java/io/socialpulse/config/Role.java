package io.socialpulse.config;

import java.util.Locale;

/** The parts of the pipeline a process may run ({@code SERVICE_ROLES}). */
public enum Role {
    /** Pollers and the publisher into Kinesis. */
    SOURCES,
    /** The stream's reader writing the lake. */
    LAKE,
    /** The stream's reader feeding the trend view, its endpoints and the live stream. */
    TRENDS;

    /** As {@code SERVICE_ROLES} names it. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }
}
