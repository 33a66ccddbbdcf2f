package io.socialpulse.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** LinkedIn organization posts ({@code SOURCES_LINKEDIN_*}). */
public interface LinkedinConfig {
    /** {@code SOURCES_LINKEDIN_ACCESS_TOKEN}: a 3-legged member token with r_organization_social. */
    Optional<String> accessToken();

    /** {@code SOURCES_LINKEDIN_ORGANIZATIONS}: comma-separated organization ids the member administers. */
    Optional<List<String>> organizations();

    /** {@code SOURCES_LINKEDIN_INTERVAL}: time between polls of one organization. Default 15m. */
    @WithDefault("15m")
    Duration interval();

    /** {@code SOURCES_LINKEDIN_BASE_URL}: the API host. Default https://api.linkedin.com. */
    @WithDefault("https://api.linkedin.com")
    String baseUrl();

    /** {@code SOURCES_LINKEDIN_VERSION}: the {@code LinkedIn-Version} header, YYYYMM. Default 202601. */
    @WithDefault("202601")
    String version();

    /** {@code SOURCES_LINKEDIN_BACKFILL}: how far back the first poll of an organization reaches. Default 7d. */
    @WithDefault("168h")
    Duration backfill();

    /** {@code SOURCES_LINKEDIN_PAGE_SIZE}: posts per request. Default 50. */
    @WithDefault("50")
    int pageSize();
}
