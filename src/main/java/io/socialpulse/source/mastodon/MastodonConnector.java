package io.socialpulse.source.mastodon;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.socialpulse.config.MastodonConfig;
import io.socialpulse.config.SourcesConfig;
import io.socialpulse.source.Connector;
import io.socialpulse.source.Source;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.RecentIds;

/**
 * {@code mastodon}: hashtag timelines, one source per instance and hashtag; a status reached
 * through two instances is collected once.
 */
@Singleton
public class MastodonConnector implements Connector {

    /** Paging requests per 15 minutes and address that default instances allow. */
    static final int REQUESTS_PER_QUARTER = 300;

    @Override
    public String name() {
        return "mastodon";
    }

    @Override
    public List<Source> sources(SourcesConfig config, PlatformContext context) {
        MastodonConfig mastodon = config.mastodon();
        RecentIds uris = new RecentIds(config.recentIds());
        List<String> hashtags = mastodon.hashtags().orElse(List.of());
        // A poll is at least two requests with a look-back: the read forward and the sweep back.
        long perPoll = mastodon.lookback().isZero() ? 1 : 2;
        long perQuarter = hashtags.size() * perPoll * (900 / Math.max(1, mastodon.interval().toSeconds()));
        if (perQuarter > REQUESTS_PER_QUARTER) {
            Log.warnf("SOURCES_MASTODON_INTERVAL %s with %d hashtags makes at least %d requests per 15 minutes per"
                    + " instance (a look-back sweep included); default instances allow %d, so expect waits for their"
                    + " rate window", mastodon.interval(), hashtags.size(), perQuarter, REQUESTS_PER_QUARTER);
        }
        List<Source> sources = new ArrayList<>();
        for (String instance : mastodon.instances().orElse(List.of())) {
            for (String hashtag : hashtags) {
                sources.add(new MastodonSource(context, mastodon, instance, hashtag, uris));
            }
        }
        return sources;
    }
}
