package io.socialpulse.post;

import java.util.List;

/**
 * The platforms a post can come from, as its {@code platform} says. The Athena table's partitions,
 * the API's scopes and the connectors are checked against this list ({@code ConnectorRegistryTest}).
 */
public final class Platforms {

    public static final List<String> ALL = List.of("x", "facebook", "instagram", "linkedin", "mastodon", "bluesky",
            "reddit", "youtube", "hackernews");

    private Platforms() {
    }
}
