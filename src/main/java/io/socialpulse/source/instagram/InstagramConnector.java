package io.socialpulse.source.instagram;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.Connector;
import io.socialpulse.source.Source;
import io.socialpulse.source.kit.PlatformContext;

/** {@code instagram}: hashtag search, one source per hashtag, sharing the hashtag ids looked up. */
@Singleton
public class InstagramConnector implements Connector {

    @Override
    public String name() {
        return "instagram";
    }

    @Override
    public List<Optional<String>> secrets(SourcesConfig config) {
        return List.of(config.instagram().accessToken());
    }

    @Override
    public List<Source> sources(SourcesConfig config, PlatformContext context) {
        InstagramHashtags hashtags = new InstagramHashtags(context, config.instagram());
        return Connector.each(config.instagram().hashtags(),
                hashtag -> new InstagramSource(context, config.instagram(), hashtags, hashtag));
    }
}
