package io.socialpulse.source.facebook;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.Connector;
import io.socialpulse.source.Source;
import io.socialpulse.source.kit.PlatformContext;

/** {@code facebook}: page feeds and their comments, one source per page. */
@Singleton
public class FacebookConnector implements Connector {

    @Override
    public String name() {
        return "facebook";
    }

    @Override
    public List<Optional<String>> secrets(SourcesConfig config) {
        return List.of(config.facebook().accessToken(), config.facebook().appSecret());
    }

    @Override
    public List<Source> sources(SourcesConfig config, PlatformContext context) {
        return Connector.each(config.facebook().pages(), page -> new FacebookSource(context, config.facebook(), page));
    }
}
