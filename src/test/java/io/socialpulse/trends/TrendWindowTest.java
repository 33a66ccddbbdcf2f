package io.socialpulse.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.socialpulse.post.Post;

class TrendWindowTest {

    private final Instant t0 = Instant.parse("2026-11-20T10:00:00Z");

    private static Post post(String platform, String... tags) {
        return Post.builder(platform, "1")
                .id(platform + ":" + System.nanoTime())
                .text("")
                .createdAt(Instant.EPOCH)
                .hashtags(List.of(tags))
                .build();
    }

    @Test
    void ranksTagsByCountWithinTheWindow() {
        TrendWindow window = new TrendWindow(Duration.ofSeconds(60), Duration.ofSeconds(5), 64);
        for (int i = 0; i < 30; i++) {
            window.add(post("x", "big"), t0.plusSeconds(i));
        }
        for (int i = 0; i < 10; i++) {
            window.add(post("mastodon", "small", "big"), t0.plusSeconds(i));
        }
        TrendSnapshot all = window.snapshot("all", t0.plusSeconds(30), 10);
        assertEquals(List.of("big", "small"), all.top().stream().map(TrendItem::tag).toList());
        assertEquals(40, all.top().get(0).count());
        assertEquals(40, all.posts());
        assertEquals(Map.of("mastodon", 10L, "x", 30L), all.platforms());
        TrendSnapshot mastodon = window.snapshot("mastodon", t0.plusSeconds(30), 10);
        assertEquals(10, mastodon.top().get(0).count());
    }

    @Test
    void snapshotsAgreeWithEveryPostWhateverOrderTheyCameIn() {
        TrendWindow window = new TrendWindow(Duration.ofSeconds(60), Duration.ofSeconds(5), 64);
        window.add(post("x", "a"), t0);
        window.add(post("mastodon", "a", "b"), t0.plusSeconds(6));
        window.add(post("x", "a"), t0.plusSeconds(12)); // the open bucket at t0+14
        assertEquals(3, window.snapshot("all", t0.plusSeconds(14), 10).top().get(0).count());
        assertEquals(1, window.snapshot("mastodon", t0.plusSeconds(14), 10).top().get(0).count());
        // A post counted late, into a bucket that closed before the last snapshot, still counts.
        window.add(post("x", "b"), t0.plusSeconds(7));
        window.add(post("x", "b"), t0.plusSeconds(13));
        TrendSnapshot again = window.snapshot("all", t0.plusSeconds(14), 10);
        assertEquals(Map.of("a", 3L, "b", 3L), again.top().stream()
                .collect(Collectors.toMap(TrendItem::tag, TrendItem::count)));
        assertEquals(5, again.posts());
        window.add(post("x", "c"), t0.plusSeconds(16));
        assertEquals(6, window.snapshot("all", t0.plusSeconds(16), 10).posts());
        // Round the ring: the bucket of t0 is reused for t0+60 and forgets what it held, even for a
        // snapshot of an earlier time.
        window.add(post("x", "d"), t0.plusSeconds(61));
        TrendSnapshot wrapped = window.snapshot("all", t0.plusSeconds(16), 10);
        assertEquals(5, wrapped.posts());
        assertEquals(Map.of("a", 2L, "b", 3L, "c", 1L), wrapped.top().stream()
                .collect(Collectors.toMap(TrendItem::tag, TrendItem::count)));
    }

    @Test
    void countsLeaveTheWindowAsItSlides() {
        TrendWindow window = new TrendWindow(Duration.ofSeconds(60), Duration.ofSeconds(5), 64);
        window.add(post("x", "old"), t0);
        window.add(post("x", "new"), t0.plusSeconds(50));
        assertEquals(2, window.snapshot("all", t0.plusSeconds(55), 10).top().size());
        List<TrendItem> later = window.snapshot("all", t0.plusSeconds(65), 10).top();
        assertEquals(List.of("new"), later.stream().map(TrendItem::tag).toList());
    }

    @Test
    void whatAWindowHoldsIsCappedWhateverArrives() {
        int sketchSize = 64;
        TrendWindow window = new TrendWindow(Duration.ofSeconds(60), Duration.ofSeconds(5), sketchSize);
        // A million distinct tags from 40 made-up platforms over twice the window, two per post.
        for (int i = 0; i < 500_000; i++) {
            window.add(post("platform" + (i % 40), "tag" + (2 * i), "tag" + (2 * i + 1)), t0.plusMillis(i / 4));
        }
        TrendWindow.Footprint held = window.footprint();
        int buckets = window.buckets();
        // Sixteen platforms a bucket and "other"; an ItemsSketch of map size m keeps at most 3/4 m
        // items; a slot keeps the first 256 tags' stats.
        assertTrue(held.slots() <= buckets * (TrendWindow.MAX_PLATFORMS + 1), held.toString());
        assertTrue(held.sketchItems() <= held.slots() * sketchSize * 3 / 4, held.toString());
        assertTrue(held.tagStats() <= held.slots() * Slot.TAG_STATS, held.toString());
        assertTrue(held.sketchItems() > 0 && held.slots() == buckets * (TrendWindow.MAX_PLATFORMS + 1),
                "the flood filled the window: " + held);
    }

    @Test
    void aFloodOfDistinctTagsDoesNotHideTheHeavyHitter() {
        TrendWindow window = new TrendWindow(Duration.ofSeconds(60), Duration.ofSeconds(5), 256);
        for (int i = 0; i < 200_000; i++) {
            window.add(post("x", "noise" + i), t0.plusMillis(i / 5));
            if (i % 20 == 0) {
                window.add(post("x", "signal"), t0.plusMillis(i / 5));
            }
        }
        TrendItem top = window.snapshot("all", t0.plusSeconds(40), 5).top().get(0);
        assertEquals("signal", top.tag());
        assertTrue(top.lowerBound() <= 10_000 && 10_000 <= top.upperBound(), top.toString());
    }

    @Test
    void aggregatesSentimentPerScopeAndPerTagAndCountsUnscoredPosts() {
        TrendWindow window = new TrendWindow(Duration.ofSeconds(60), Duration.ofSeconds(5), 64);
        window.add(post("x", "phone"), t0, OptionalDouble.of(0.8), true, 0);
        window.add(post("x", "phone"), t0, OptionalDouble.of(-0.6), true, 0);
        window.add(post("mastodon", "phone"), t0, OptionalDouble.of(0.5), true, 0);
        window.add(post("mastodon", "phone"), t0, OptionalDouble.empty(), true, 0);
        TrendSnapshot all = window.snapshot("all", t0.plusSeconds(1), 5);
        assertEquals(3, all.sentiment().n());
        assertEquals(0.233, all.sentiment().mean(), 0.001);
        assertEquals(1, all.sentiment().unscored());
        assertEquals(0.667, all.sentiment().pos(), 0.001);
        assertEquals(3, all.top().get(0).sentiment().n());
        TrendSnapshot x = window.snapshot("x", t0.plusSeconds(1), 5);
        assertEquals(0.1, x.sentiment().mean(), 0.001);
    }

    private static Post post(String platform, String author, String text, List<String> tags, List<String> mentions) {
        return Post.builder(platform, "1")
                .id(platform + ":" + System.nanoTime())
                .author(new Post.Author(author, author, null, null, null))
                .text(text)
                .createdAt(Instant.EPOCH)
                .hashtags(tags)
                .mentions(mentions)
                .build();
    }

    @Test
    void listsMentionsApartAndCountsDistinctAuthors() {
        TrendWindow window = new TrendWindow(Duration.ofSeconds(60), Duration.ofSeconds(5), 64);
        for (int i = 0; i < 30; i++) {
            window.add(post("x", "author" + (i % 10), "hi", List.of("launch"), List.of("acme")), t0,
                    OptionalDouble.empty(), false, 0);
        }
        TrendSnapshot snapshot = window.snapshot("all", t0.plusSeconds(1), 5);
        assertEquals(List.of("launch"), snapshot.top().stream().map(TrendItem::tag).toList());
        assertEquals(List.of("acme"), snapshot.mentions().stream().map(TrendItem::tag).toList());
        assertEquals(30, snapshot.mentions().get(0).count());
        long authors = snapshot.top().get(0).authors();
        assertTrue(authors >= 9 && authors <= 11, "about ten authors, estimated " + authors);
    }

    @Test
    void countsWatchlistTermsExactlyWithShareOfVoicePerPlatform() {
        TrendWindow window = new TrendWindow(Duration.ofSeconds(60), Duration.ofSeconds(5), 8,
                List.of("acme", "globex"), 10);
        window.add(post("x", "a", "Loving my ACME phone", List.of(), List.of()), t0, OptionalDouble.empty(),
                false, 0);
        window.add(post("x", "b", "new phone", List.of("acme"), List.of()), t0, OptionalDouble.empty(),
                false, 0);
        window.add(post("mastodon", "c", "globex and acme", List.of(), List.of()), t0, OptionalDouble.empty(),
                false, 0);
        window.add(post("mastodon", "d", "nothing here", List.of(), List.of()), t0, OptionalDouble.empty(),
                false, 0);
        List<Watched> watch = window.snapshot("all", t0.plusSeconds(1), 5).watch();
        assertEquals(new Watched("acme", 3, 0.75, Map.of("mastodon", 1L, "x", 2L)), watch.get(0));
        assertEquals(new Watched("globex", 1, 0.25, Map.of("mastodon", 1L)), watch.get(1));
    }

    @Test
    void longerWindowsReachFurtherBack() {
        Windows windows = new Windows(Duration.ofSeconds(5), 64, List.of(), 10);
        windows.add(post("x", "old"), t0, OptionalDouble.empty(), false, 0);
        windows.add(post("x", "new"), t0.plusSeconds(170), OptionalDouble.empty(), false, 0);
        Instant now = t0.plusSeconds(175);
        assertEquals(List.of("new"), windows.snapshot("all", "1m", now, 5).top().stream().map(TrendItem::tag).toList());
        assertEquals(2, windows.snapshot("all", "5m", now, 5).top().size());
        assertEquals(300, windows.snapshot("all", "5m", now, 5).windowSeconds());
        assertEquals(3600, windows.snapshot("all", "1h", now, 5).windowSeconds());
    }
}
