package io.socialpulse.source.bluesky;

import java.util.List;

import jakarta.inject.Singleton;

import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.Connector;
import io.socialpulse.source.Source;
import io.socialpulse.source.kit.PlatformContext;

/** {@code jetstream}: Bluesky's live firehose through Jetstream, matched on keywords; its posts are Bluesky's. */
@Singleton
public class JetstreamConnector implements Connector {

    @Override
    public String name() {
        return "jetstream";
    }

    @Override
    public String platform() {
        return "bluesky";
    }

    @Override
    public List<Source> sources(SourcesConfig config, PlatformContext context) {
        return List.of(new JetstreamSource(context, config.jetstream()));
    }
}
