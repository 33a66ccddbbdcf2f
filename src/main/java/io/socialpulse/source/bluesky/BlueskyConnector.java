package io.socialpulse.source.bluesky;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.Connector;
import io.socialpulse.source.Source;
import io.socialpulse.source.kit.PlatformContext;

/** {@code bluesky}: search, one source per query, sharing one login session. */
@Singleton
public class BlueskyConnector implements Connector {

    @Override
    public String name() {
        return "bluesky";
    }

    @Override
    public List<Optional<String>> secrets(SourcesConfig config) {
        return List.of(config.bluesky().appPassword());
    }

    @Override
    public List<Source> sources(SourcesConfig config, PlatformContext context) {
        BlueskySession session = new BlueskySession(context, config.bluesky());
        return Connector.each(config.bluesky().queries(),
                query -> new BlueskySource(context, config.bluesky(), session, query));
    }
}
