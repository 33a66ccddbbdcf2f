package io.socialpulse.source;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Singleton;

import io.quarkus.arc.All;
import io.quarkus.logging.Log;
import io.socialpulse.config.LakeConfig;
import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.kit.CursorStore;
import io.socialpulse.source.kit.FileCursorStore;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformHttp;
import io.socialpulse.source.kit.RateGovernor;
import io.socialpulse.source.kit.S3CursorStore;
import io.socialpulse.source.kit.Secrets;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.publish.DeadLetterSink;

/**
 * Builds the sources named in {@code SOURCES_ENABLED} from the connectors CDI finds: one source per
 * configured query, page, hashtag or organization.
 */
@Singleton
public class SourceFactory {

    private final SourcesConfig config;
    private final LakeConfig lake;
    private final ObjectStore store;
    private final DeadLetterSink deadLetters;
    private final Map<String, Connector> connectors = new TreeMap<>();

    SourceFactory(SourcesConfig config, LakeConfig lake, ObjectStore store, DeadLetterSink deadLetters,
            @All List<Connector> connectors) {
        this.config = config;
        this.lake = lake;
        this.store = store;
        this.deadLetters = deadLetters;
        for (Connector connector : connectors) {
            this.connectors.put(connector.name(), connector);
        }
    }

    /** The connectors by name. */
    public Map<String, Connector> connectors() {
        return Map.copyOf(connectors);
    }

    List<Source> create() {
        for (Connector connector : connectors.values()) {
            connector.secrets(config).forEach(secret -> secret.ifPresent(Secrets::register));
        }
        List<Source> sources = new ArrayList<>();
        PlatformContext platforms = null;
        for (String name : config.enabled()) {
            if (name.equals("none")) {
                continue;
            }
            Connector connector = connectors.get(name);
            if (connector == null) {
                throw new IllegalArgumentException("SOURCES_ENABLED names an unknown source: " + name);
            }
            if (platforms == null && connector.callsPlatform()) {
                platforms = context();
            }
            sources.addAll(connector.sources(config, platforms));
        }
        if (platforms != null) {
            Log.infof("platform sources keep their cursors in %s", platforms.cursors().describe());
        }
        return sources;
    }

    private PlatformContext context() {
        CursorStore cursors = "file".equals(config.cursors())
                ? new FileCursorStore(config.cursorsDir())
                : new S3CursorStore(store, lake.prefix());
        return new PlatformContext(new PlatformHttp(config.timeout(), config.maxResponseBytes()),
                new RateGovernor(Clock.systemUTC(), config.park()), cursors, deadLetters, config.recentIds());
    }
}
