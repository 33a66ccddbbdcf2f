package io.socialpulse.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import io.socialpulse.post.Post;

/**
 * The hour's windows are filled from the minute's closed buckets rather than by counting each post
 * twice: whenever they are read (mid-bucket, at a minute's turn, after a quiet spell), each window
 * holds exactly the posts of its time, tags (with their sentiment), accounts and watchlist
 * included, and a post that comes in for a bucket already handed over is counted once in each.
 */
class WindowsTest {

    private final Instant t0 = Instant.parse("2026-11-20T10:00:00Z");

    private static Post post(String platform, String author, String... tags) {
        return Post.builder(platform, "1")
                .id(platform + ":" + author + ":" + String.join(",", tags))
                .author(new Post.Author(author, author, null, null, 10L))
                .text("launch day")
                .createdAt(Instant.EPOCH)
                .hashtags(List.of(tags))
                .metrics(Map.of("likes", 2L))
                .build();
    }

    @Test
    void eachWindowHoldsExactlyThePostsOfItsTime() {
        Windows windows = new Windows(Duration.ofSeconds(5), 256, List.of("launch"), 10);
        List<Instant> times = new ArrayList<>();
        // Posts every 7 s for 20 minutes, with a quiet spell of 3 minutes in the middle.
        for (long s = 0; s < 1200; s += 7) {
            if (s < 500 || s > 680) {
                times.add(t0.plusSeconds(s));
            }
        }
        int added = 0;
        for (Instant at : times) {
            windows.add(post(added % 3 == 0 ? "x" : "bluesky", "user" + (added % 5), "tag" + (added % 4)), at,
                    OptionalDouble.of(0.5), true, 2);
            added++;
            if (added % 11 == 0) { // read now and then, as ticks do, mid-bucket and at minute turns
                check(windows, times.subList(0, added), at.plusMillis(1500));
            }
        }
        check(windows, times, times.get(times.size() - 1).plusSeconds(3));
        check(windows, times, times.get(times.size() - 1).plusSeconds(200)); // a quiet spell later
    }

    private void check(Windows windows, List<Instant> added, Instant now) {
        for (String window : List.of("5m", "15m", "1h")) {
            long minutes = Map.of("5m", 5L, "15m", 15L, "1h", 60L).get(window);
            Instant from = Instant.ofEpochSecond((now.getEpochSecond() / 60 - minutes + 1) * 60);
            long expected = added.stream().filter(t -> !t.isBefore(from) && !t.isAfter(now)).count();
            TrendSnapshot all = windows.snapshot("all", window, now, 10);
            assertEquals(expected, all.posts(), window + " at " + now);
            assertEquals(expected, all.top().stream().mapToLong(TrendItem::count).sum(), window + " tags at " + now);
            assertEquals(expected, all.watch().get(0).count(), window + " watchlist at " + now);
            assertEquals(expected, all.sentiment().n(), window + " sentiment at " + now);
            for (TrendItem item : all.top()) { // every post was scored: each tag's sentiment covers its count
                assertEquals(item.count(), item.sentiment().n(), window + " " + item.tag() + " at " + now);
            }
            assertEquals(2 * expected, all.influencers().engagementTotal(), window + " engagement at " + now);
            TrendSnapshot x = windows.snapshot("x", window, now, 10);
            assertEquals(all.platforms().getOrDefault("x", 0L), x.posts(), window + " of x at " + now);
        }
    }

    @Test
    void aPostForABucketAlreadyHandedOverCountsOnceInEachWindow() {
        Windows windows = new Windows(Duration.ofSeconds(5), 256, List.of(), 10);
        windows.add(post("x", "a", "one"), t0.plusSeconds(1), OptionalDouble.empty(), false, 0);
        windows.add(post("x", "b", "two"), t0.plusSeconds(12), OptionalDouble.empty(), false, 0);
        windows.snapshot("all", "5m", t0.plusSeconds(12), 10); // hands the first two buckets over
        windows.add(post("x", "c", "late"), t0.plusSeconds(3), OptionalDouble.empty(), false, 0); // a clock set back
        Instant now = t0.plusSeconds(13);
        assertEquals(3, windows.snapshot("all", "1m", now, 10).posts());
        assertEquals(3, windows.snapshot("all", "5m", now, 10).posts());
        assertEquals(3, windows.snapshot("all", "1h", now, 10).posts());
        assertEquals(3, windows.snapshot("all", "1h", t0.plusSeconds(100), 10).posts(), "nothing handed over twice");
    }
}
