package io.socialpulse.source.hackernews;

import java.util.List;

import jakarta.inject.Singleton;

import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.Connector;
import io.socialpulse.source.Source;
import io.socialpulse.source.kit.PlatformContext;

/** {@code hackernews}: Algolia search, one source per query. */
@Singleton
public class HackernewsConnector implements Connector {

    @Override
    public String name() {
        return "hackernews";
    }

    @Override
    public List<Source> sources(SourcesConfig config, PlatformContext context) {
        return Connector.each(config.hackernews().queries(),
                query -> new HackernewsSource(context, config.hackernews(), query));
    }
}
