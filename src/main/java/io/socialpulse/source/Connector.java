package io.socialpulse.source;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.kit.PlatformContext;

/**
 * One connector, described in one place: the name {@code SOURCES_ENABLED} gives it, the platform its
 * posts carry, the credentials it reads (scrubbed from every output) and the sources it runs. Each
 * is a bean in its platform's package, found by CDI; {@code ConnectorRegistryTest} fails when a
 * list elsewhere (settings, the Athena table, the stack, the docs) misses one.
 */
public interface Connector {

    /** Its name in {@code SOURCES_ENABLED}. */
    String name();

    /**
     * What its posts carry in {@code platform}: its name unless it says otherwise ({@code jetstream}
     * writes {@code bluesky}; demo and replay write many).
     */
    default String platform() {
        return name();
    }

    /** Whether it calls a platform: then it gets the HTTP client, rate governor, cursors and dead letters. */
    default boolean callsPlatform() {
        return true;
    }

    /** The credentials it reads, to be scrubbed from logs, status and dead letters. */
    default List<Optional<String>> secrets(SourcesConfig config) {
        return List.of();
    }

    /** Its sources: one per query, page, hashtag or organization configured. */
    List<Source> sources(SourcesConfig config, PlatformContext context);

    /**
     * A connector that makes its posts itself (demo, replay): they carry many platforms, and it
     * needs none of the plumbing of a platform's API.
     */
    abstract class Offline implements Connector {

        @Override
        public final String platform() {
            return null;
        }

        @Override
        public final boolean callsPlatform() {
            return false;
        }
    }

    /** One source per item of a list setting (queries, pages, hashtags), none when the setting is absent. */
    static List<Source> each(Optional<List<String>> items, Function<String, Source> source) {
        return items.orElse(List.of()).stream().map(source).toList();
    }
}
