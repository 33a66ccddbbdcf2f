package io.socialpulse.source.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.socialpulse.post.Post;

/**
 * Synthetic posts that behave like the real thing for trends: hashtags drawn from a Zipf law over
 * a large vocabulary (a few huge tags, a long tail), authors and mentions, positive, negative and
 * neutral phrasing, authors whose followers follow a long tail and whose posts draw likes, reposts
 * and replies to match, reposts of earlier posts, and now and then a burst in which one tag
 * suddenly appears in a third of all posts. Post {@code n} of a seed is always the same post, apart
 * from the burst, which follows the clock.
 */
public final class DemoGenerator {

    static final String[] PLATFORMS = {"x", "mastodon", "bluesky", "reddit", "youtube", "hackernews"};
    private static final double[] PLATFORM_SHARE = {0.34, 0.18, 0.2, 0.14, 0.08, 0.06};
    private static final String[] TOPICS = {"ai", "climate", "football", "music", "java", "rust", "election",
            "coffee", "space", "gaming", "movies", "travel", "startup", "health", "crypto", "design", "cloud", "f1",
            "books", "science", "photography", "food", "nba", "privacy", "opensource", "security", "kubernetes", "art",
            "fashion", "weather", "linux", "quarkus", "aws", "python", "data", "energy", "ev", "tennis", "olympics",
            "jazz"};
    private static final String[] SUFFIXES = {"", "news", "2026", "life", "tips", "fans", "week", "talk", "daily",
            "dev", "hub", "live", "world", "community", "memes", "facts", "lab", "love", "now", "today"};
    private static final String[] POSITIVE = {"I love how %s turned out, absolutely great!",
            "Really impressed by %s today :) best thing this week", "%s is awesome, thank you all!",
            "Such a good day for %s, so happy", "Brilliant work on %s, congrats everyone 🎉"};
    private static final String[] NEGATIVE = {"Honestly %s is a disaster, really disappointed",
            "Worst experience with %s so far :(", "I hate what happened to %s, terrible",
            "%s is broken again, so frustrating", "Sad and angry about %s today"};
    private static final String[] NEUTRAL = {"Reading about %s this morning", "New thread on %s below",
            "Anyone following %s?", "Notes from the %s meetup", "%s update: details in the link"};
    private static final double ZIPF_EXPONENT = 1.07;
    /** Share of posts that repost one of the last {@link #REPOST_REACH} posts. */
    static final double REPOST_SHARE = 0.08;
    private static final int REPOST_REACH = 500;

    private final long seed;
    private final String[] vocabulary;
    private final double[] cumulative;

    public DemoGenerator(long seed) {
        this.seed = seed;
        this.vocabulary = new String[TOPICS.length * SUFFIXES.length];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = TOPICS[i % TOPICS.length] + SUFFIXES[i / TOPICS.length];
        }
        // The vocabulary is shuffled per seed so that each seed has its own giants.
        SplittableRandom shuffle = new SplittableRandom(seed);
        for (int i = vocabulary.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            String t = vocabulary[i];
            vocabulary[i] = vocabulary[j];
            vocabulary[j] = t;
        }
        cumulative = new double[vocabulary.length];
        double sum = 0;
        for (int rank = 0; rank < vocabulary.length; rank++) {
            sum += 1 / Math.pow(rank + 1, ZIPF_EXPONENT);
            cumulative[rank] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** The tag that bursts in burst number {@code burst}: from the quiet tail, so the climb is visible. */
    public String burstTag(long burst) {
        SplittableRandom random = new SplittableRandom(seed * 31 + burst);
        return vocabulary[vocabulary.length / 4 + random.nextInt(vocabulary.length / 2)];
    }

    /** Post number {@code n}; {@code burstTag} is added to about a third of posts while a burst runs. */
    public Post post(long n, Instant createdAt, String burstTag) {
        SplittableRandom more = new SplittableRandom(seed ^ (n * 0xC2B2AE3D27D4EB4FL));
        Post own = own(n, createdAt, burstTag);
        if (n == 0 || more.nextDouble() >= REPOST_SHARE) {
            return own;
        }
        Post original = own(n - 1 - more.nextInt((int) Math.min(n, REPOST_REACH)), createdAt, burstTag);
        return DemoPosts.repost(original, own.nativeId(), account(original.platform(), own.author().handle()),
                createdAt);
    }

    /** Post number {@code n} as its author wrote it. */
    private Post own(long n, Instant createdAt, String burstTag) {
        SplittableRandom random = new SplittableRandom(seed ^ (n * 0x9E3779B97F4A7C15L));
        String platform = pick(random, PLATFORMS, PLATFORM_SHARE);
        List<String> tags = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String tag = zipf(random);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        if (burstTag != null && random.nextDouble() < 0.35 && !tags.contains(burstTag)) {
            tags.add(0, burstTag);
        }
        double mood = random.nextDouble();
        String[] phrases = mood < 0.35 ? POSITIVE : mood < 0.6 ? NEGATIVE : NEUTRAL;
        String author = "user" + random.nextInt(5000);
        StringBuilder text = new StringBuilder(String.format(phrases[random.nextInt(phrases.length)], tags.get(0)));
        if (random.nextDouble() < 0.3) {
            text.append(" @user").append(random.nextInt(5000));
        }
        for (String tag : tags) {
            text.append(" #").append(tag);
        }
        String nativeId = "demo-" + seed + "-" + n;
        Post.Author account = account(platform, author);
        return DemoPosts.post(platform, nativeId, account, text.toString(), createdAt,
                metrics(random.nextInt(200), account.followers(), random));
    }

    /**
     * An account: its followers follow a Pareto law (most have a few dozen, a few have hundreds of
     * thousands), the same on every call.
     */
    Post.Author account(String platform, String handle) {
        SplittableRandom random = new SplittableRandom(seed * 0x632BE59BD9B4E019L ^ (platform + handle).hashCode());
        long followers = Math.min(2_000_000, (long) (20 / Math.pow(1 - random.nextDouble(), 1 / 1.1)));
        return new Post.Author(handle, handle, handle, "https://demo.social-pulse.invalid/" + platform + "/@" + handle,
                followers);
    }

    private String zipf(SplittableRandom random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        return vocabulary[Math.min(vocabulary.length - 1, i < 0 ? -i - 1 : i)];
    }

    private static String pick(SplittableRandom random, String[] values, double[] shares) {
        double r = random.nextDouble();
        for (int i = 0; i < values.length; i++) {
            r -= shares[i];
            if (r < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    /** Which burst runs at {@code sinceStart}, or -1: bursts start at {@code first}, then every {@code every}. */
    public static long burstAt(Duration sinceStart, Duration first, Duration every, Duration length) {
        if (sinceStart.compareTo(first) < 0) {
            return -1;
        }
        long offset = sinceStart.minus(first).toMillis();
        long burst = offset / every.toMillis();
        return offset % every.toMillis() < length.toMillis() ? burst : -1;
    }

    /** Likes grow with the audience; reposts and replies are a share of likes. */
    static Map<String, Long> metrics(int base, long followers, SplittableRandom random) {
        long likes = base + followers / 40;
        return Map.of("likes", likes, "reposts", (long) random.nextInt((int) (likes / 8 + 1)), "replies",
                (long) random.nextInt((int) (likes / 5 + 1)));
    }
}
