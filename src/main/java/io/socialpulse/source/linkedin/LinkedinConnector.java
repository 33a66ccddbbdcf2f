package io.socialpulse.source.linkedin;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.Connector;
import io.socialpulse.source.Source;
import io.socialpulse.source.kit.PlatformContext;

/** {@code linkedin}: an organization's posts, one source per organization. */
@Singleton
public class LinkedinConnector implements Connector {

    @Override
    public String name() {
        return "linkedin";
    }

    @Override
    public List<Optional<String>> secrets(SourcesConfig config) {
        return List.of(config.linkedin().accessToken());
    }

    @Override
    public List<Source> sources(SourcesConfig config, PlatformContext context) {
        return Connector.each(config.linkedin().organizations(),
                organization -> new LinkedinSource(context, config.linkedin(), organization));
    }
}
