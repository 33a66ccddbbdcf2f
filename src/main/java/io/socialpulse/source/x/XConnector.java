package io.socialpulse.source.x;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.Connector;
import io.socialpulse.source.Source;
import io.socialpulse.source.kit.PlatformContext;

/** {@code x}: X recent search, one source per query. */
@Singleton
public class XConnector implements Connector {

    @Override
    public String name() {
        return "x";
    }

    @Override
    public List<Optional<String>> secrets(SourcesConfig config) {
        return List.of(config.x().bearerToken());
    }

    @Override
    public List<Source> sources(SourcesConfig config, PlatformContext context) {
        return Connector.each(config.x().queries(), query -> new XSource(context, config.x(), query));
    }
}
