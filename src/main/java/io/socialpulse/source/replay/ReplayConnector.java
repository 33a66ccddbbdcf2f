package io.socialpulse.source.replay;

import java.util.List;

import jakarta.inject.Singleton;

import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.Connector;
import io.socialpulse.source.Source;
import io.socialpulse.source.kit.PlatformContext;

/** {@code replay}: posts read back from files (the lake's, twarc's, Jetstream's, Mastodon's). */
@Singleton
public class ReplayConnector extends Connector.Offline {

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public List<Source> sources(SourcesConfig config, PlatformContext context) {
        return List.of(new ReplaySource(config.replay()));
    }
}
