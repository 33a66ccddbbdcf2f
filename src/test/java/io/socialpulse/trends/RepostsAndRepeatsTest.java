package io.socialpulse.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.socialpulse.config.RolesConfig;
import io.socialpulse.config.TrendsConfig;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.x.XMapper;
import io.socialpulse.stream.read.StreamRecord;
import io.socialpulse.testing.Recorded;

/**
 * A repost is amplification: it counts toward its original's tags, with none of the original's
 * metrics. The same post collected twice (two sources, or Kinesis holding it twice) counts once.
 */
class RepostsAndRepeatsTest {

    private static TrendHub hub() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(TrendsConfig.class)
                .withMapping(RolesConfig.class).withConverter(Duration.class, 100, new DurationConverter()).build();
        return new TrendHub(config.getConfigMapping(TrendsConfig.class), config.getConfigMapping(RolesConfig.class));
    }

    private static List<StreamRecord> records(List<Post> posts) {
        List<StreamRecord> records = new ArrayList<>();
        for (Post post : posts) {
            records.add(new StreamRecord("shardId-000000000000", Integer.toString(records.size()), Instant.now(),
                    new byte[0], post, null));
        }
        return records;
    }

    private static long count(TrendHub hub, String tag) {
        return hub.snapshot("all", "1m", 20).top().stream().filter(t -> t.tag().equals(tag)).mapToLong(TrendItem::count)
                .sum();
    }

    @Test
    void aRecordedRetweetCountsTowardItsOriginalsTagWithoutItsMetrics() throws Exception {
        JsonNode page = PostCodec.mapper().readTree(Recorded.text("x/recorded/two_tweets.jsonl"));
        Post.Match match = new Post.Match("x-test", List.of("#POIUYTREWQ"));
        Map<String, JsonNode> users = XMapper.users(page);
        Map<String, JsonNode> included = XMapper.included(page);
        Post retweet = XMapper.post(page.path("data").get(0), users, included, match, Instant.now(), null);
        Post original = XMapper.post(included.get("1391677057810288641"), users, Map.of(), match, Instant.now(), null);
        TrendHub hub = hub();
        hub.onRecords("shardId-000000000000", records(List.of(original, retweet))).await().indefinitely();

        assertEquals(2, count(hub, "poiuytrewq"), "the original and its amplification");
        long retweets = original.metrics().get("reposts") + retweet.metrics().getOrDefault("reposts", 0L);
        assertEquals(1, retweets, "the original's retweet_count is counted once, not once per retweet");
        assertTrue(retweet.metrics().isEmpty());
    }

    @Test
    void aPostCollectedByTwoSourcesCountsOnce() {
        Post post = Post.builder("bluesky", "3l")
                .globalId("at://did:plc:ann/app.bsky.feed.post/3l")
                .author(new Post.Author("did:plc:ann", "ann", null, null, null))
                .text("#acme")
                .lang("en")
                .createdAt(Instant.now())
                .hashtags(List.of("acme"))
                .match(new Post.Match("search", List.of()))
                .build();
        Post sameFromJetstream = post.toBuilder().match(new Post.Match("jetstream", List.of())).build();
        TrendHub hub = hub();
        hub.onRecords("shardId-000000000000", records(List.of(post))).await().indefinitely();
        hub.onRecords("shardId-000000000001", records(List.of(sameFromJetstream))).await().indefinitely();
        assertEquals(1, count(hub, "acme"));
        assertEquals(1, hub.snapshot("all", "1m", 20).posts());
    }

    @Test
    void theRepeatSetForgetsItsOldestMinutesPastItsCapacity() {
        RecentPosts recent = new RecentPosts(3);
        Instant t = Instant.parse("2026-05-01T10:00:00Z");
        assertTrue(recent.first("a", t));
        assertTrue(recent.first("b", t.plusSeconds(60)));
        assertTrue(recent.first("c", t.plusSeconds(120)));
        assertFalse(recent.first("a", t.plusSeconds(130)), "still within the hour and the capacity");
        assertTrue(recent.first("d", t.plusSeconds(180)));
        assertTrue(recent.size() <= 3, "bounded: " + recent.size());
        assertTrue(recent.first("a", t.plusSeconds(190)), "the oldest minute was forgotten to make room");
        assertTrue(recent.first("e", t.plus(Duration.ofMinutes(62))));
        assertTrue(recent.first("b", t.plus(Duration.ofMinutes(62))), "an hour later a post counts again");
    }
}
