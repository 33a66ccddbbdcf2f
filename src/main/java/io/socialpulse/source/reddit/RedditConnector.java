package io.socialpulse.source.reddit;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.Connector;
import io.socialpulse.source.Source;
import io.socialpulse.source.kit.PlatformContext;

/** {@code reddit}: search, one source per query, sharing one app token. */
@Singleton
public class RedditConnector implements Connector {

    @Override
    public String name() {
        return "reddit";
    }

    @Override
    public List<Optional<String>> secrets(SourcesConfig config) {
        return List.of(config.reddit().clientSecret());
    }

    @Override
    public List<Source> sources(SourcesConfig config, PlatformContext context) {
        RedditToken token = new RedditToken(context, config.reddit());
        return Connector.each(config.reddit().queries(),
                query -> new RedditSource(context, config.reddit(), token, query));
    }
}
