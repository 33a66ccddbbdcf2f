package io.socialpulse.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** Mastodon hashtag timelines ({@code SOURCES_MASTODON_*}). */
public interface MastodonConfig {
    /** {@code SOURCES_MASTODON_INSTANCES}: comma-separated instances ({@code mastodon.social} or a full URL). */
    Optional<List<String>> instances();

    /** {@code SOURCES_MASTODON_HASHTAGS}: comma-separated hashtags, without {@code #}; one source per instance and tag. */
    Optional<List<String>> hashtags();

    /** {@code SOURCES_MASTODON_INTERVAL}: time between polls of one tag on one instance. Default 60s. */
    @WithDefault("60s")
    Duration interval();

    /** {@code SOURCES_MASTODON_PAGE_SIZE}: statuses per request (at most 40). Default 40. */
    @WithDefault("40")
    int pageSize();

    /**
     * {@code SOURCES_MASTODON_LOOKBACK}: how far back each run reads the tag again for statuses that
     * federated late (a remote status's id follows its creation time, not its arrival). Default 15m.
     */
    @WithDefault("15m")
    Duration lookback();
}
