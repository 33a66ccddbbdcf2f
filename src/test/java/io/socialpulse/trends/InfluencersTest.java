package io.socialpulse.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.socialpulse.config.TrendsConfig;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.demo.DemoGenerator;
import io.socialpulse.source.x.XMapper;
import io.socialpulse.testing.Recorded;

/**
 * Who draws the engagement and who drives a trend, checked against an exact count over the same
 * posts: demo posts with known metrics and reposts, re-polled copies, and a retweet recorded from
 * the live X API.
 */
class InfluencersTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final List<String> SCOPES = List.of("all", "x", "mastodon", "bluesky", "reddit", "youtube",
            "hackernews");

    private static TrendView view(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(Map.of("trends.rising.warmup", "0s", "trends.rising.min-count",
                "5", "trends.rising.min-authors", "3"));
        values.putAll(settings);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(TrendsConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()).withDefaultValues(values).build();
        return new TrendView(config.getConfigMapping(TrendsConfig.class));
    }

    /** What an exact count keeps of one post or engagement: when, whose, how much. */
    private record Event(Instant at, String platform, AccountKey account, Long followers, long engaged, boolean post) {
    }

    /** The same posts counted exactly, with maps, by the rules the view documents. */
    private static final class Exact {
        final List<Event> events = new ArrayList<>();
        final Map<String, Long> seen = new HashMap<>();

        void count(Post post, Instant at) {
            long engaged = Engagement.of(post);
            Long before = seen.get(post.id());
            if (before == null) {
                seen.put(post.id(), engaged);
                events.add(new Event(at, post.platform(), Engagement.account(post.platform(), post.author()),
                        post.author().followers(), engaged, true));
                if (post.isRepost() && !seen.containsKey(post.repostOf())) {
                    events.add(new Event(at, post.platform(),
                            Engagement.account(post.platform(), post.repostOfAuthor()), null, 1, false));
                }
            } else if (engaged > before) {
                seen.put(post.id(), engaged);
                events.add(new Event(at, post.platform(), Engagement.account(post.platform(), post.author()), null,
                        engaged - before, false));
            }
        }

        /** The top {@code limit} by engagement and by reach in a scope over the window ending at {@code now}. */
        List<List<Influencer>> top(String scope, String window, Instant now, int limit) {
            Map<AccountKey, long[]> totals = new LinkedHashMap<>(); // engagement, posts, reach
            long all = 0;
            for (Event e : events) {
                if (inWindow(e.at, window, now) && (scope.equals("all") || scope.equals(e.platform))) {
                    long[] t = totals.computeIfAbsent(e.account, a -> new long[3]);
                    t[0] += e.engaged;
                    all += e.engaged;
                    if (e.post) {
                        t[1]++;
                        t[2] += e.followers == null ? 0 : e.followers;
                    }
                }
            }
            return List.of(list(totals, 0, all, limit), list(totals, 2, all, limit));
        }

        private static List<Influencer> list(Map<AccountKey, long[]> totals, int by, long all, int limit) {
            List<Map.Entry<AccountKey, long[]>> entries = new ArrayList<>(totals.entrySet());
            entries.removeIf(e -> e.getValue()[by] == 0);
            entries.sort(Comparator.comparingLong((Map.Entry<AccountKey, long[]> e) -> -e.getValue()[by])
                    .thenComparing(Map.Entry::getKey));
            List<Influencer> list = new ArrayList<>();
            for (Map.Entry<AccountKey, long[]> e : entries.subList(0, Math.min(limit, entries.size()))) {
                AccountKey key = e.getKey();
                long[] t = e.getValue();
                list.add(new Influencer(list.size() + 1, key.handle(), key.platform(), key.profileUrl(), t[0],
                        all == 0 ? 0 : Math.round(t[0] * 1000.0 / all) / 1000.0, t[1], t[2]));
            }
            return list;
        }

        /** The buckets a window holds: 12 of 5 s for the minute, whole minutes for the others. */
        private static boolean inWindow(Instant at, String window, Instant now) {
            long bucket = window.equals("1m") ? 5_000 : 60_000;
            long buckets = window.equals("1m") ? 12 : TrendsConfig.WINDOWS.get(window).toMinutes();
            long open = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), bucket);
            long start = at.toEpochMilli() - Math.floorMod(at.toEpochMilli(), bucket);
            return start <= open && start >= open - (buckets - 1) * bucket;
        }
    }

    /** {@code post} polled again later, its likes grown by {@code more}. */
    private static Post repolled(Post post, long more) {
        Map<String, Long> metrics = new HashMap<>(post.metrics());
        metrics.merge("likes", more, Long::sum);
        return post.toBuilder().repostOf(null, null).metrics(metrics).sentiment(null).build();
    }

    @Test
    void theRankingsEqualAnExactCountForEveryScopeAndWindow() {
        // Sketches large enough to stay exact: the comparison is then with equality, not a bound.
        TrendView view = view(Map.of("trends.sketch-size", "16384"));
        Exact exact = new Exact();
        DemoGenerator demo = new DemoGenerator(11);
        List<Post> posted = new ArrayList<>();
        Instant now = T0;
        for (int i = 0; i < 3000; i++) {
            now = T0.plusMillis(i * 1400L); // 70 minutes: every window is full, the oldest posts have left
            Post post = demo.post(i, now, null);
            view.count(post, now);
            exact.count(post, now);
            posted.add(post);
            if (i % 7 == 0 && i >= 50 && !posted.get(i - 50).isRepost()) {
                Post again = repolled(posted.get(i - 50), i % 3); // a later poll: grown, or the same
                view.count(again, now);
                exact.count(again, now);
            }
        }
        int compared = 0;
        for (String scope : SCOPES) {
            for (String window : TrendsConfig.WINDOWS.keySet()) {
                Influencers influencers = view.snapshot(scope, window, now, 20).influencers();
                List<List<Influencer>> expected = exact.top(scope, window, now, 10);
                assertEquals(expected.get(0), influencers.engagement(), scope + " " + window + " by engagement");
                assertEquals(expected.get(1), influencers.reach(), scope + " " + window + " by reach");
                assertTrue(influencers.engagement().size() == 10 || !scope.equals("all"), scope + " " + window);
                assertTrue(influencers.exact(), "every account fitted: " + scope + " " + window);
                compared++;
            }
        }
        assertEquals(28, compared);
    }

    @Test
    void pastTheSketchAHeavyAccountStillLeadsWithWhatItDrewAtLeast() {
        TrendView view = view(Map.of()); // the default sketches: 512 accounts per bucket and platform
        for (int i = 0; i < 20_000; i++) {
            Post post = i % 400 == 0
                    ? post("star", "s" + i, 100)
                    : post("one-off" + i, "o" + i, 1);
            view.count(post, T0);
        }
        Influencers influencers = view.snapshot("all", "1m", T0, 20).influencers();
        assertFalse(influencers.exact(), "20,000 accounts do not fit 512 counters");
        Influencer star = influencers.engagement().get(0);
        assertEquals("star", star.account(), influencers.engagement().toString());
        assertTrue(star.engagement() <= 5000 && star.engagement() >= 4000,
                "a lower bound, close for a heavy account: " + star.engagement());
        assertEquals(5000 + 19_950, influencers.engagementTotal(), "the total is exact");
        for (Influencer other : influencers.engagement().subList(1, influencers.engagement().size())) {
            assertTrue(other.engagement() <= 1, "the one-offs drew 1 each at most: " + other);
        }
    }

    private static Post post(String handle, String id, long likes) {
        return Post.builder("x", id)
                .author(new Post.Author(handle, handle, null, null, 10L))
                .text("hello")
                .lang("en")
                .createdAt(T0)
                .metrics(Map.of("likes", likes))
                .match(new Post.Match("t", List.of()))
                .build();
    }

    @Test
    void aBurstTagsDriversAreTheAccountsThatPostedItAndItsMostEngagingPosts() {
        TrendView view = view(Map.of("trends.example-posts", "3"));
        Instant now = Instant.now();
        view.tick(now, 0); // every baseline starts at nothing
        DemoGenerator demo = new DemoGenerator(3);
        for (int i = 0; i < 40; i++) {
            view.count(demo.post(i, now, null), now); // the usual chatter
        }
        List<Post> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String handle = List.of("ann", "bob", "cyd").get(i % 3);
            String platform = i % 3 == 2 ? "mastodon" : "x";
            Post post = Post.builder(platform, "q" + i)
                    .url("https://example.com/" + i)
                    .author(new Post.Author(handle, handle, null, null, 100L * (i % 3 + 1)))
                    .text("shaking #quake " + i)
                    .lang("en")
                    .createdAt(now)
                    .hashtags(List.of("quake"))
                    .metrics(Map.of("likes", (long) i * 10, "replies", 1L))
                    .match(new Post.Match("test", List.of()))
                    .build();
            burst.add(post);
            view.count(post, now);
        }
        HubEvent tick = view.tick(now.plusMillis(10), 0);

        TrendSnapshot all = tick.scopes().get(HubEvent.key("all", "1m"));
        assertTrue(all.movingTags().contains("quake"), all.rising().toString());
        Driver quake = all.influencers().drivers().stream().filter(d -> d.tag().equals("quake")).findFirst()
                .orElseThrow();
        Set<String> accounts = new HashSet<>();
        quake.accounts().forEach(a -> accounts.add(a.platform() + "/" + a.account()));
        assertEquals(Set.of("x/ann", "x/bob", "mastodon/cyd"), accounts);
        assertTrue(quake.accounts().stream().allMatch(a -> a.posts() == 4), quake.accounts().toString());
        Driver.Account cyd = quake.accounts().stream().filter(a -> a.account().equals("cyd")).findFirst()
                .orElseThrow();
        assertEquals(20 + 50 + 80 + 110 + 4, cyd.engagement(), "likes and replies of cyd's four posts");
        assertEquals(List.of("https://example.com/11", "https://example.com/10", "https://example.com/9"),
                quake.examples().stream().map(Driver.Example::url).toList(), "the three most engaging");
        assertEquals(111, quake.examples().get(0).engagement());

    }

    @Test
    void aPlatformsDriversAreItsOwnAccountsAndPosts() {
        TagDrivers drivers = new TagDrivers(10, 2);
        for (int i = 0; i < 6; i++) {
            String platform = i % 2 == 0 ? "mastodon" : "x";
            drivers.post(Post.builder(platform, "q" + i)
                    .url("https://example.com/" + i)
                    .author(new Post.Author("a" + i, "a" + i, null, null, null))
                    .text("#quake")
                    .lang("en")
                    .createdAt(T0)
                    .hashtags(List.of("quake"))
                    .match(new Post.Match("t", List.of()))
                    .build(), i);
        }
        Driver mastodon = drivers.of(List.of("quake"), "mastodon", 10).get(0);
        assertEquals(Set.of("a0", "a2", "a4"),
                Set.copyOf(mastodon.accounts().stream().map(Driver.Account::account).toList()));
        assertEquals(List.of("https://example.com/4", "https://example.com/2"),
                mastodon.examples().stream().map(Driver.Example::url).toList(), "its two most engaging of its own");
        assertEquals(6, drivers.of(List.of("quake"), "all", 10).get(0).accounts().size());
    }

    @Test
    void aRecordedRetweetCreditsTheOriginalsAuthorOnceAndNeverAddsTheOriginalsMetrics() throws Exception {
        JsonNode page = PostCodec.mapper().readTree(Recorded.text("x/recorded/two_tweets.jsonl"));
        Post.Match match = new Post.Match("x-test", List.of("#POIUYTREWQ"));
        Map<String, JsonNode> users = XMapper.users(page);
        Map<String, JsonNode> included = XMapper.included(page);
        Post retweet = XMapper.post(page.path("data").get(0), users, included, match, T0, null);
        Post original = XMapper.post(included.get("1391677057810288641"), users, Map.of(), match, T0, null);
        assertEquals(1, Engagement.of(original), "its one retweet, in the original's retweet_count");

        TrendView both = view(Map.of());
        both.count(original, T0);
        both.count(retweet, T0);
        Map<String, Influencer> seen = byAccount(both.snapshot("all", "1m", T0, 20).influencers());
        assertEquals(1, seen.get("bibaigna96").engagement(), "the retweet is in the original's count already");
        assertEquals(1, seen.size(), "the retweeter (no followers) drew nothing of its own: " + seen);

        TrendView alone = view(Map.of());
        alone.count(retweet, T0);
        alone.count(retweet, T0.plusSeconds(1)); // Kinesis holding it twice
        Map<String, Influencer> credited = byAccount(alone.snapshot("all", "1m", T0.plusSeconds(1), 20)
                .influencers());
        assertEquals(1, credited.get("bibaigna96").engagement(), "the original unseen: its author gets the retweet");
        assertEquals(0, credited.get("bibaigna96").posts());
    }

    @Test
    void aPostPolledAgainAddsOnlyWhatItDrewSince() {
        TrendView view = view(Map.of());
        Post post = new DemoGenerator(5).post(1, T0, null);
        long first = Engagement.of(post);
        view.count(post, T0);
        view.count(repolled(post, 5), T0.plusSeconds(1));
        view.count(repolled(post, 5), T0.plusSeconds(2)); // the same figures again
        view.count(repolled(post, 2), T0.plusSeconds(3)); // an answer from a lagging replica
        Influencer only = view.snapshot("all", "1m", T0.plusSeconds(3), 20).influencers().engagement().get(0);
        assertEquals(first + 5, only.engagement());
        assertEquals(1, only.posts());
        assertEquals(1.0, only.share());
    }

    @Test
    void driversFollowOnlyTheTagsThatMayTrendHoweverManyArrive() {
        TrendView view = view(Map.of());
        Instant now = Instant.now();
        for (int i = 0; i < 50_000; i++) {
            String tag = "flood" + i;
            view.count(Post.builder("x", "f" + i)
                    .author(new Post.Author("u" + i, "u" + i, null, null, 1L))
                    .text("#" + tag)
                    .lang("en")
                    .createdAt(now)
                    .hashtags(List.of(tag))
                    .metrics(Map.of("likes", 1L))
                    .match(new Post.Match("t", List.of()))
                    .build(), now);
        }
        assertTrue(view.trackedTags() <= 4 * 80, "tracked tags stay within their bound: " + view.trackedTags());
        view.tick(now, 0);
        assertTrue(view.trackedTags() <= 4 * 80, "after a tick: " + view.trackedTags());
    }

    private static Map<String, Influencer> byAccount(Influencers influencers) {
        Map<String, Influencer> byAccount = new HashMap<>();
        influencers.engagement().forEach(i -> byAccount.put(i.account(), i));
        influencers.reach().forEach(i -> byAccount.putIfAbsent(i.account(), i));
        return byAccount;
    }
}
