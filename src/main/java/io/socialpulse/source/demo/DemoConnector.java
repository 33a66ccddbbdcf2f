package io.socialpulse.source.demo;

import java.util.List;

import jakarta.inject.Singleton;

import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.Connector;
import io.socialpulse.source.Source;
import io.socialpulse.source.kit.PlatformContext;

/** {@code demo}: synthetic posts over six platforms, with bursts. */
@Singleton
public class DemoConnector extends Connector.Offline {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public List<Source> sources(SourcesConfig config, PlatformContext context) {
        return List.of(new DemoSource(config.demo()));
    }
}
