package io.socialpulse.config;

import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which parts of the pipeline this process runs ({@code SERVICE_ROLES}). */
@ConfigMapping(prefix = "service")
public interface RolesConfig {

    /** {@code SERVICE_ROLES}: any of {@code sources}, {@code lake}, {@code trends}. Default all three. */
    @WithDefault("sources,lake,trends")
    Set<String> roles();

    default boolean runs(String role) {
        return roles().contains(role);
    }
}
