package io.socialpulse.source.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.socialpulse.post.Post;

class DemoGeneratorTest {

    private final Instant now = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void theSameSeedGivesTheSamePosts() {
        Post a = new DemoGenerator(7).post(123, now, null);
        Post b = new DemoGenerator(7).post(123, now, null);
        assertEquals(a.text(), b.text());
        assertEquals(a.id(), b.id());
        assertNotEquals(a.text(), new DemoGenerator(8).post(123, now, null).text());
    }

    @Test
    void hashtagsFollowALongTail() {
        DemoGenerator generator = new DemoGenerator(42);
        Map<String, Integer> counts = new HashMap<>();
        for (int n = 0; n < 20_000; n++) {
            generator.post(n, now, null).hashtags().forEach(t -> counts.merge(t, 1, Integer::sum));
        }
        int top = counts.values().stream().max(Integer::compare).orElseThrow();
        assertTrue(counts.size() > 300, "a sizeable vocabulary, saw " + counts.size());
        assertTrue(top > 20 * 40_000 / counts.size(), "the head tag is far above the mean: " + top);
    }

    @Test
    void someRepostAnEarlierPostCreditingItsAuthorWithoutItsMetrics() {
        DemoGenerator generator = new DemoGenerator(42);
        int reposts = 0;
        long maxFollowers = 0;
        for (int n = 0; n < 5000; n++) {
            Post post = generator.post(n, now, null);
            maxFollowers = Math.max(maxFollowers, post.author().followers());
            if (post.isRepost()) {
                reposts++;
                assertEquals("repost", post.kind());
                assertTrue(post.metrics().isEmpty(), "a repost carries none of the original's metrics");
                assertEquals(generator.account(post.platform(), post.repostOfAuthor().handle()), post.repostOfAuthor());
                assertTrue(post.repostOf().startsWith(post.platform() + ":demo-42-"), post.repostOf());
            } else {
                assertTrue(post.metrics().get("likes") >= post.metrics().get("reposts"), post.metrics().toString());
            }
        }
        assertTrue(reposts > 300 && reposts < 500, "about 8% reposts: " + reposts);
        assertTrue(maxFollowers > 10_000, "a long tail of followers: " + maxFollowers);
    }

    @Test
    void aBurstPutsItsTagInAboutAThirdOfPosts() {
        DemoGenerator generator = new DemoGenerator(42);
        String tag = generator.burstTag(0);
        int with = 0;
        for (int n = 0; n < 3000; n++) {
            if (generator.post(n, now, tag).hashtags().contains(tag)) {
                with++;
            }
        }
        assertTrue(with > 900 && with < 1300, "posts with the burst tag: " + with);
    }

    @Test
    void burstsStartAtTheFirstBurstAndRepeat() {
        Duration first = Duration.ofSeconds(10);
        Duration every = Duration.ofSeconds(180);
        Duration length = Duration.ofSeconds(60);
        assertEquals(-1, DemoGenerator.burstAt(Duration.ofSeconds(5), first, every, length));
        assertEquals(0, DemoGenerator.burstAt(Duration.ofSeconds(10), first, every, length));
        assertEquals(-1, DemoGenerator.burstAt(Duration.ofSeconds(71), first, every, length));
        assertEquals(1, DemoGenerator.burstAt(Duration.ofSeconds(200), first, every, length));
    }
}
