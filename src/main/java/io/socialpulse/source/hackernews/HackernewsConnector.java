package io.socialpulse.source.hackernews;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    public String platform() {
        return "hackernews";
    }

    @Override
    public List<Optional<String>> secrets(SourcesConfig config) {
        return List.of();
    }

    @Override
    public List<Source> sources(SourcesConfig config, PlatformContext context) {
        List<Source> sources = new ArrayList<>();
        for (String query : config.hackernews().queries().orElse(List.of())) {
            sources.add(new HackernewsSource(context, config.hackernews(), query));
        }
        return sources;
    }
}
