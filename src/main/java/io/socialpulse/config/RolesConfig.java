package io.socialpulse.config;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which parts of the pipeline this process runs ({@code SERVICE_ROLES}), and how long its stop may take. */
@ConfigMapping(prefix = "service")
public interface RolesConfig {

    /** {@code SERVICE_ROLES}: any of {@code sources}, {@code lake}, {@code trends}. Default all three. */
    @WithDefault("sources,lake,trends")
    Set<String> roles();

    /**
     * {@code SERVICE_STOP_BUDGET}: how long the stop after SIGTERM may take, from the end of
     * {@code SHUTDOWN_DELAY}: the publisher's flush, the reader's drain and the lake's last commit
     * share it. With the delay it must stay within 25 s, under ECS's 30 s before SIGKILL. Default 20s.
     */
    @WithDefault("20s")
    Duration stopBudget();

    default boolean runs(Role role) {
        return roles().contains(role.setting());
    }
}
