package io.socialpulse.source.youtube;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.socialpulse.config.SourcesConfig;
import io.socialpulse.config.YoutubeConfig;
import io.socialpulse.source.Connector;
import io.socialpulse.source.Source;
import io.socialpulse.source.kit.PlatformContext;

/** {@code youtube}: comments of videos and channels, and search, sharing one daily quota. */
@Singleton
public class YoutubeConnector implements Connector {

    @Override
    public String name() {
        return "youtube";
    }

    @Override
    public List<Optional<String>> secrets(SourcesConfig config) {
        return List.of(config.youtube().apiKey());
    }

    @Override
    public List<Source> sources(SourcesConfig config, PlatformContext context) {
        YoutubeConfig youtube = config.youtube();
        YoutubeQuota quota = new YoutubeQuota(Clock.systemUTC(), youtube.dailyUnits(), youtube.dailySearches());
        YoutubeSource.Follows[] kinds = YoutubeSource.Follows.values();
        List<List<String>> targets = List.of(youtube.videos().orElse(List.of()), youtube.channels().orElse(List.of()),
                youtube.queries().orElse(List.of()));
        List<Source> sources = new ArrayList<>();
        for (int k = 0; k < kinds.length; k++) {
            for (String target : targets.get(k)) {
                sources.add(new YoutubeSource(context, youtube, quota, kinds[k], target));
            }
        }
        return sources;
    }
}
