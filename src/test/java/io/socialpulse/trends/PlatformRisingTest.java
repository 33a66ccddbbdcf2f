package io.socialpulse.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.socialpulse.config.RolesConfig;
import io.socialpulse.config.TrendsConfig;
import io.socialpulse.post.Post;
import io.socialpulse.stream.read.StreamRecord;

/** Rising and trending per platform, each platform against its own baselines. */
class PlatformRisingTest {

    private static TrendHub hub() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(TrendsConfig.class)
                .withMapping(RolesConfig.class).withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(Map.of("trends.rising.warmup", "0s", "trends.rising.min-count", "5",
                        "trends.rising.min-authors", "3"))
                .build();
        return new TrendHub(config.getConfigMapping(TrendsConfig.class), config.getConfigMapping(RolesConfig.class));
    }

    private static List<StreamRecord> posts(String platform, String tag, int count) {
        List<StreamRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = platform + "-" + tag + "-" + i;
            Post post = Post.builder(platform, id)
                    .author(new Post.Author("a" + i, "author" + i, null, null, null))
                    .text("news #" + tag)
                    .lang("en")
                    .createdAt(Instant.now())
                    .hashtags(List.of(tag))
                    .match(new Post.Match("test", List.of()))
                    .build();
            records.add(new StreamRecord("shardId-000000000000", Integer.toString(i), Instant.now(), new byte[0], post,
                    null));
        }
        return records;
    }

    private static List<String> rising(TrendSnapshot snapshot) {
        return snapshot.rising().stream().map(Rising::tag).toList();
    }

    @Test
    void eachPlatformRisesWithItsOwnTagsAndAllPlatformsWithBoth() {
        TrendHub hub = hub();
        hub.tick(); // an empty first tick: every baseline starts at nothing
        hub.onRecords("shardId-000000000000", posts("mastodon", "quake", 30)).await().indefinitely();
        hub.onRecords("shardId-000000000000", posts("x", "finals", 30)).await().indefinitely();
        HubEvent tick = hub.tick();

        TrendSnapshot mastodon = hub.snapshot("mastodon", "1m", 20);
        TrendSnapshot x = hub.snapshot("x", "1m", 20);
        TrendSnapshot all = hub.snapshot("all", "1m", 20);
        assertEquals(List.of("quake"), rising(mastodon));
        assertEquals(List.of("quake"), mastodon.trending().stream().map(Rising::tag).toList());
        assertEquals(List.of("finals"), rising(x));
        assertTrue(rising(all).containsAll(List.of("quake", "finals")), rising(all).toString());
        assertEquals(List.of("quake"), rising(tick.scopes().get(HubEvent.key("mastodon", "5m"))),
                "the live stream's platform scopes carry the platform's own rising list");
    }
}
