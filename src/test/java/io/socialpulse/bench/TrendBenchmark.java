package io.socialpulse.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;

import io.socialpulse.config.TrendsConfig;
import io.socialpulse.post.Post;
import io.socialpulse.sentiment.Sentiment;
import io.socialpulse.source.demo.DemoGenerator;
import io.socialpulse.trends.Engagement;
import io.socialpulse.trends.RecentPosts;
import io.socialpulse.trends.TrendItem;
import io.socialpulse.trends.TrendScorer;
import io.socialpulse.trends.TrendWindow;
import io.socialpulse.trends.Windows;

/**
 * The trend engine measured against exact counting (a HashMap of every tag), in one run: posts/s
 * on one core with and without sentiment (into all four windows, as the service counts, accounts
 * included), heap held after floods of distinct hashtags and of distinct accounts, top-20 recall
 * on a Zipf stream with bursts, and how many ticks a burst takes to be flagged. Prints a table;
 * never asserts. Run with bin/bench-trends.
 */
public final class TrendBenchmark {

    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Duration BUCKET = Duration.ofSeconds(5);
    private static final int SKETCH = 1024;

    public static void main(String[] args) {
        List<Post> posts = demoPosts(200_000);
        System.out.println("| measure | trend engine | exact HashMap | ratio |");
        System.out.println("|---|---|---|---|");
        throughput(posts);
        heap();
        authors();
        recall();
        burst();
        repeats();
    }

    /**
     * The check that counts a post once when two sources collect it: a million distinct ids over an
     * hour, against a HashSet of the id strings (what exact de-duplication would hold).
     */
    private static void repeats() {
        int n = 1_000_000;
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "bluesky:at://did:plc:" + Integer.toHexString(i * 7919) + "/app.bsky.feed.post/3l" + i;
        }
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        long spread = Duration.ofHours(1).toNanos() / n;
        for (int warm = 0; warm < 2; warm++) {
            RecentPosts warmup = new RecentPosts(n);
            for (int i = 0; i < n; i++) {
                warmup.first(ids[i], t.plusNanos(i * spread));
            }
        }
        long before = usedHeap();
        RecentPosts recent = new RecentPosts(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            recent.first(ids[i], t.plusNanos(i * spread));
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        long held = usedHeap() - before;
        keep(recent);
        before = usedHeap();
        Set<String> exact = new HashSet<>();
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            exact.add(ids[i]);
        }
        double exactRate = n / ((System.nanoTime() - start) / 1e9);
        long exactHeld = usedHeap() - before;
        keep(exact);
        row("posts/s through the repeat check (a post collected or polled twice counts once), 1,000,000 ids", rate,
                exactRate);
        System.out.printf("| heap held by the repeat check after 1,000,000 ids (ids themselves not counted) | %.1f MB"
                + " | %.1f MB | %.3f |%n", held / 1e6, exactHeld / 1e6, (double) held / exactHeld);
    }

    private static List<Post> demoPosts(int n) {
        DemoGenerator generator = new DemoGenerator(42);
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        List<Post> posts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            posts.add(generator.post(i, now, null));
        }
        return posts;
    }

    private static void throughput(List<Post> posts) {
        double plain = 0;
        double scored = 0;
        double exact = 0;
        for (int round = 0; round < 3; round++) { // the last round counts: the JIT has warmed up
            plain = rate(posts, false);
            scored = rate(posts, true);
            exact = exactRate(posts);
        }
        row("posts/s on one core, counting tags and accounts (exact: HashMaps of both)", plain, exact);
        System.out.printf("| posts/s on one core, with VADER sentiment | %,.0f | n/a | |%n", scored);
    }

    private static double rate(List<Post> posts, boolean sentiment) {
        Windows window = new Windows(BUCKET, SKETCH, List.of(), 10);
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        long start = System.nanoTime();
        for (int i = 0; i < posts.size(); i++) {
            Post post = posts.get(i);
            Instant at = t.plusMillis(i / 2);
            if (sentiment) {
                window.add(post, at, Sentiment.compound(post), true, Engagement.of(post));
            } else {
                window.add(post, at, OptionalDouble.empty(), false, Engagement.of(post));
            }
        }
        return posts.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** Exact counting of the same things: every tag, and every account's engagement, reach and posts. */
    private static double exactRate(List<Post> posts) {
        Map<String, Long> counts = new HashMap<>();
        Map<String, long[]> accounts = new HashMap<>();
        long start = System.nanoTime();
        for (Post post : posts) {
            for (String tag : post.hashtags()) {
                counts.merge(tag, 1L, Long::sum);
            }
            long[] account = accounts.computeIfAbsent(post.platform() + "/" + post.author().handle(),
                    a -> new long[3]);
            account[0] += Engagement.of(post);
            account[1] += post.author().followers() == null ? 0 : post.author().followers();
            account[2]++;
        }
        return posts.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static void heap() {
        List<String> ticks = new ArrayList<>();
        for (int distinct : new int[]{1_000_000, 10_000_000}) {
            long before = usedHeap();
            // The service's windows: 1 minute in 5 s buckets and 1 hour in 1 minute buckets.
            Windows window = new Windows(BUCKET, SKETCH, List.of(), 10);
            Instant t = Instant.parse("2026-11-20T10:00:00Z");
            for (int i = 0; i < distinct; i++) {
                // Every post carries a tag never seen before, spread over an hour so every bucket fills.
                window.add(flood(i), t.plusNanos(i * (Duration.ofHours(1).toNanos() / distinct)),
                        OptionalDouble.empty(), false, 0);
            }
            // Then two ticks' lists, as the service computes them, so the merges a tick keeps are held too:
            // the first merges every bucket, the second (same open bucket) only the open one.
            Instant end = t.plus(Duration.ofHours(1)).minusMillis(1);
            long first = System.nanoTime();
            tick(window, end.minusMillis(500));
            long second = System.nanoTime();
            tick(window, end); // the same bucket: the next one starts a millisecond later
            long done = System.nanoTime();
            long engine = usedHeap() - before;
            keep(window);
            ticks.add(String.format("| a tick's lists (4 windows, 2 scopes) after %,d distinct hashtags: first, then "
                    + "within the same bucket | %.0f ms, then %.1f ms | n/a | |%n", distinct, (second - first) / 1e6,
                    (done - second) / 1e6));
            before = usedHeap();
            Map<String, Long> exact = new HashMap<>();
            for (int i = 0; i < distinct; i++) {
                exact.merge("flood" + i, 1L, Long::sum);
            }
            long map = usedHeap() - before;
            keep(exact);
            System.out.printf("| heap held after %,d distinct hashtags | %.1f MB | %.1f MB | %.3f |%n", distinct,
                    engine / 1e6, map / 1e6, (double) engine / map);
        }
        ticks.forEach(System.out::print);
    }

    /**
     * Influencers under a flood of accounts: every post by an account never seen before, with
     * engagement and followers, against an exact map of every account's engagement, reach and posts.
     */
    private static void authors() {
        List<String> ticks = new ArrayList<>();
        for (int distinct : new int[]{1_000_000, 10_000_000}) {
            long before = usedHeap();
            Windows window = new Windows(BUCKET, SKETCH, List.of(), 10);
            Instant t = Instant.parse("2026-11-20T10:00:00Z");
            long start = System.nanoTime();
            for (int i = 0; i < distinct; i++) {
                window.add(byAuthor(i), t.plusNanos(i * (Duration.ofHours(1).toNanos() / distinct)),
                        OptionalDouble.empty(), false, 1 + i % 50);
            }
            double rate = distinct / ((System.nanoTime() - start) / 1e9);
            Instant end = t.plus(Duration.ofHours(1)).minusMillis(1);
            long first = System.nanoTime();
            tick(window, end);
            long done = System.nanoTime();
            long engine = usedHeap() - before;
            keep(window);
            before = usedHeap();
            Map<String, long[]> exact = new HashMap<>();
            start = System.nanoTime();
            for (int i = 0; i < distinct; i++) {
                long[] totals = exact.computeIfAbsent("x\tauthor" + i, a -> new long[3]);
                totals[0] += 1 + i % 50;
                totals[1] += i % 1000;
                totals[2]++;
            }
            double exactRate = distinct / ((System.nanoTime() - start) / 1e9);
            long map = usedHeap() - before;
            keep(exact);
            System.out.printf("| heap held after %,d distinct accounts (engagement, reach, posts) | %.1f MB | %.1f MB"
                    + " | %.3f |%n", distinct, engine / 1e6, map / 1e6, (double) engine / map);
            row(String.format("posts/s on one core, each by a new account, %,d accounts", distinct), rate, exactRate);
            ticks.add(String.format("| a tick's lists with influencers after %,d distinct accounts | %.0f ms | n/a |"
                    + " |%n", distinct, (done - first) / 1e6));
        }
        ticks.forEach(System.out::print);
    }

    private static Post byAuthor(int i) {
        return Post.builder("x", "a" + i)
                .schemaVersion(1)
                .author(new Post.Author("" + i, "author" + i, null, null, (long) (i % 1000)))
                .text("")
                .createdAt(Instant.EPOCH)
                .hashtags(List.of("news"))
                .metrics(Map.of("likes", (long) (1 + i % 50)))
                .build();
    }

    /** The lists of every window for all platforms and for the one platform, as a tick asks for them. */
    private static void tick(Windows window, Instant now) {
        for (String name : TrendsConfig.WINDOWS.keySet()) {
            keep(window.snapshot("all", name, now, 20));
            keep(window.snapshot("x", name, now, 20));
        }
    }

    private static Post flood(int i) {
        return Post.builder("x", "" + i)
                .schemaVersion(1)
                .text("")
                .createdAt(Instant.EPOCH)
                .hashtags(List.of("flood" + i))
                .build();
    }

    private static void recall() {
        DemoGenerator generator = new DemoGenerator(7);
        TrendWindow window = new TrendWindow(WINDOW, BUCKET, SKETCH);
        Map<String, Long> exact = new HashMap<>();
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        int n = 300_000;
        Random tail = new Random(3);
        for (int i = 0; i < n; i++) {
            // Bursts of three tail tags, each in a third of the posts for a tenth of the stream.
            String burst = (i / (n / 10)) % 3 == 0 ? generator.burstTag(i / (n / 10)) : null;
            Post post = withTail(generator.post(i, t, burst), tail.nextInt(1_000_000));
            Instant at = t.plusNanos((long) i * (WINDOW.toNanos() - 1) / n);
            window.add(post, at, OptionalDouble.empty(), false, 0);
            post.hashtags().forEach(tag -> exact.merge(tag, 1L, Long::sum));
        }
        Set<String> truth = new HashSet<>(exact.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20).map(Map.Entry::getKey)
                .toList());
        Set<String> found = new HashSet<>(window.snapshot("all", t.plus(WINDOW).minusMillis(1), 20).top().stream()
                .map(TrendItem::tag).toList());
        found.retainAll(truth);
        System.out.printf("| top-20 recall, Zipf stream with bursts (%,d posts, %,d tags) | %.2f | 1.00 | |%n", n,
                exact.size(), found.size() / 20.0);
    }

    /** Adds a tag from a long tail of a million, so the stream has far more tags than the sketch holds. */
    private static Post withTail(Post p, int rare) {
        List<String> tags = new ArrayList<>(p.hashtags());
        tags.add("rare" + rare);
        return Post.builder(p.platform(), p.nativeId())
                .schemaVersion(1)
                .id(p.id())
                .kind(p.kind())
                .text(p.text())
                .lang(p.lang())
                .createdAt(p.createdAt())
                .hashtags(tags)
                .build();
    }

    private static void burst() {
        DemoGenerator generator = new DemoGenerator(11);
        Duration tick = Duration.ofSeconds(2);
        TrendWindow window = new TrendWindow(WINDOW, BUCKET, SKETCH);
        TrendScorer scorer = new TrendScorer(tick, Duration.ofMinutes(30), Duration.ofMinutes(2), 10, 3, 1);
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        int rate = 50; // posts per second
        String tag = generator.burstTag(0);
        int flaggedAfter = -1;
        long n = 0;
        for (int second = 0; second < 20 * 60 && flaggedAfter < 0; second++) {
            boolean bursting = second >= 15 * 60;
            for (int k = 0; k < rate; k++) {
                window.add(generator.post(n++, t, bursting ? tag : null), t.plusSeconds(second).plusMillis(k * 20L),
                        OptionalDouble.empty(), false, 0);
            }
            if (second % tick.toSeconds() == 1) {
                Instant now = t.plusSeconds(second + 1);
                TrendScorer.Result result = scorer.update(window.recent(now, 3, 80), now);
                if (bursting && result.trending().stream().anyMatch(r -> r.tag().equals(tag))) {
                    flaggedAfter = (second - 15 * 60) / 2 + 1;
                }
            }
        }
        System.out.printf(
                "| ticks (2 s) from a burst's start until it trends (50 posts/s, 35%% of posts) | %d | n/a | |%n",
                flaggedAfter);
    }

    private static void row(String what, double engine, double exact) {
        System.out.printf("| %s | %,.0f | %,.0f | %.2f |%n", what, engine, exact, engine / exact);
    }

    private static Object sink;

    private static void keep(Object value) {
        sink = value;
        sink = null;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
