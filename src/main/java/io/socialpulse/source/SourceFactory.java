package io.socialpulse.source;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.demo.DemoSource;
import io.socialpulse.source.replay.ReplaySource;

/** Builds the sources named in {@code SOURCES_ENABLED}. */
@Singleton
public class SourceFactory {

    private final SourcesConfig config;

    SourceFactory(SourcesConfig config) {
        this.config = config;
    }

    List<Source> create() {
        List<Source> sources = new ArrayList<>();
        for (String name : config.enabled()) {
            switch (name) {
                case "demo" -> sources.add(new DemoSource(config.demo()));
                case "replay" -> sources.add(new ReplaySource(config.replay()));
                case "none" -> {
                }
                default -> throw new IllegalArgumentException("SOURCES_ENABLED names an unknown source: " + name);
            }
        }
        return sources;
    }
}
