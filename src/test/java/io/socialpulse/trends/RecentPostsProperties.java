package io.socialpulse.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The repeat check's one table against a plain model of what it promises: an id repeats while its
 * minute is within the hour and has not been forgotten for room (oldest minutes first, the current
 * one last), and a repeat answers the engagement it drew beyond the most seen. Ids come from a
 * small pool, so repeats, dead cells taken again and rebuilds of the table all happen.
 */
class RecentPostsProperties {

    /**
     * {@code offers} offers of ids from a pool of {@code pool}, each some seconds after the one
     * before (mostly a fraction of a second, now and then up to 100 s) with the engagement it drew,
     * drawn from {@code seed}: long runs over a large pool make the table rebuild itself.
     */
    @Property(tries = 200)
    void answersAsTheModelDoes(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6000) int offers,
            @ForAll @IntRange(min = 1, max = 4000) int pool, @ForAll @IntRange(min = 1, max = 3000) int capacity) {
        Random random = new Random(seed);
        RecentPosts recent = new RecentPosts(capacity);
        Model model = new Model(capacity);
        long millis = Instant.parse("2026-12-07T10:00:00Z").toEpochMilli();
        for (int n = 0; n < offers; n++) {
            millis += random.nextInt(50) == 0 ? random.nextInt(100_000) : random.nextInt(200);
            String id = "bluesky:at://did:plc:" + random.nextInt(pool) + "/app.bsky.feed.post/3l";
            long engaged = random.nextInt(50);
            long minute = Math.floorDiv(millis, 60_000L);
            assertEquals(model.contains(id, minute), recent.contains(id, Instant.ofEpochMilli(millis)), id);
            assertEquals(model.offer(id, minute, engaged), recent.offer(id, Instant.ofEpochMilli(millis), engaged), id);
        }
        assertEquals(model.ids.size(), live(recent, millis), "the ids held");
    }

    /** How many ids the check holds as live at {@code millis}: what the rebuilt table kept. */
    private static int live(RecentPosts recent, long millis) {
        return recent.live(Instant.ofEpochMilli(millis));
    }

    /** What the check promises, kept the plain way: every id with its minute, minutes by age. */
    private static final class Model {
        final int capacity;
        final Map<String, long[]> ids = new HashMap<>(); // id -> {minute, most engagement}
        final TreeMap<Long, Integer> minutes = new TreeMap<>();

        Model(int capacity) {
            this.capacity = capacity;
        }

        boolean contains(String id, long minute) {
            long[] held = ids.get(id);
            return held != null && held[0] > minute - 61;
        }

        long offer(String id, long minute, long engaged) {
            // Minutes out of the hour are gone.
            while (!minutes.isEmpty() && minutes.firstKey() <= minute - 61) {
                drop(minutes.firstKey());
            }
            long[] held = ids.get(id);
            if (held != null) {
                if (engaged <= held[1]) {
                    return 0;
                }
                long more = engaged - held[1];
                held[1] = engaged;
                return more;
            }
            while (ids.size() >= capacity) {
                Long oldest = minutes.firstKey();
                if (oldest == minute) { // only the current minute is left: it goes too
                    drop(oldest);
                    break;
                }
                drop(oldest);
            }
            ids.put(id, new long[]{minute, engaged});
            minutes.merge(minute, 1, Integer::sum);
            return RecentPosts.FIRST;
        }

        private void drop(long minute) {
            ids.values().removeIf(held -> held[0] == minute);
            minutes.remove(minute);
        }
    }
}
