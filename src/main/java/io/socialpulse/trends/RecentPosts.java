package io.socialpulse.trends;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The posts counted in the last hour (the longest window), so that one post collected by two
 * sources (Bluesky search and Jetstream, two Mastodon instances) or polled twice is counted once,
 * and the engagement each drew when last seen, so that a later poll adds only the growth. Ids are
 * kept as 64-bit hashes, with the engagement beside them, in one open-addressing table per minute
 * kept at most half full: 24 to 48 bytes an id, at most {@code capacity} ids; past that the oldest
 * minutes are forgotten first, which shortens the time a repeat is caught but never grows memory.
 */
public final class RecentPosts {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final int MINUTES = 61;

    private final int capacity;
    private final long[] starts = new long[MINUTES];
    private final LongSet[] sets = new LongSet[MINUTES];
    private int total;

    public RecentPosts(int capacity) {
        this.capacity = capacity;
        Arrays.fill(starts, Long.MIN_VALUE);
        Arrays.setAll(sets, i -> new LongSet());
    }

    /** What {@link #offer} answers the first time an id is offered within the hour. */
    public static final long FIRST = -1;

    /** True the first time {@code id} is offered within the hour; false for a repeat. */
    public boolean first(String id, Instant now) {
        return offer(id, now, 0) == FIRST;
    }

    /** Whether {@code id} was offered within the hour. */
    public synchronized boolean contains(String id, Instant now) {
        return find(hash(id), Math.floorDiv(now.toEpochMilli(), MINUTE)) >= 0;
    }

    private int find(long hash, long minute) {
        for (int i = 0; i < MINUTES; i++) {
            if (starts[i] != Long.MIN_VALUE && starts[i] > minute - MINUTES && sets[i].contains(hash)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@link #FIRST} the first time {@code id} is offered within the hour, with the {@code engaged}
     * it drew; for a repeat, how much more it drew than the most it was seen with (0 if no more).
     */
    public synchronized long offer(String id, Instant now, long engaged) {
        long hash = hash(id);
        long minute = Math.floorDiv(now.toEpochMilli(), MINUTE);
        int seen = find(hash, minute);
        if (seen >= 0) {
            return sets[seen].raise(hash, engaged);
        }
        int slot = (int) Math.floorMod(minute, (long) MINUTES);
        if (starts[slot] != minute) {
            total -= sets[slot].size();
            sets[slot].clear();
            starts[slot] = minute;
        }
        while (total >= capacity && forgetOldest(slot)) {
            // dropped the oldest minute
        }
        sets[slot].add(hash, engaged);
        total++;
        return FIRST;
    }

    public synchronized int size() {
        return total;
    }

    private boolean forgetOldest(int keep) {
        int oldest = -1;
        for (int i = 0; i < MINUTES; i++) {
            if (i != keep && sets[i].size() > 0 && (oldest < 0 || starts[i] < starts[oldest])) {
                oldest = i;
            }
        }
        if (oldest < 0) {
            total -= sets[keep].size();
            sets[keep].clear();
            return false;
        }
        total -= sets[oldest].size();
        sets[oldest].clear();
        return true;
    }

    /** FNV-1a over the characters, then a finalizer: 64 bits, so a million ids almost never collide. */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h; // 0 marks an empty cell
    }

    /**
     * A set of non-zero longs, each with the most engagement seen (an int, saturated), linear
     * probing, grown at half full.
     */
    private static final class LongSet {
        private long[] cells = new long[16];
        private int[] values = new int[16];
        private int size;

        private int index(long key) {
            int mask = cells.length - 1;
            for (int i = (int) (key ^ (key >>> 32)) & mask;; i = (i + 1) & mask) {
                if (cells[i] == 0 || cells[i] == key) {
                    return i;
                }
            }
        }

        boolean contains(long key) {
            return cells[index(key)] == key;
        }

        /** Records {@code engaged} for a key held, answering how much it exceeds what was held. */
        long raise(long key, long engaged) {
            int i = index(key);
            int held = values[i];
            if (engaged <= held) {
                return 0;
            }
            values[i] = (int) Math.min(Integer.MAX_VALUE, engaged);
            return values[i] - held;
        }

        void add(long key, long engaged) {
            if ((size + 1) * 2 > cells.length) {
                long[] old = cells;
                int[] oldValues = values;
                cells = new long[old.length * 2];
                values = new int[old.length * 2];
                size = 0;
                for (int i = 0; i < old.length; i++) {
                    if (old[i] != 0) {
                        put(old[i], oldValues[i]);
                    }
                }
            }
            put(key, (int) Math.min(Integer.MAX_VALUE, Math.max(0, engaged)));
        }

        private void put(long key, int engaged) {
            int i = index(key);
            if (cells[i] == 0) {
                cells[i] = key;
                size++;
            }
            values[i] = Math.max(values[i], engaged);
        }

        int size() {
            return size;
        }

        void clear() {
            if (cells.length > 16) {
                cells = new long[16];
                values = new int[16];
            } else {
                Arrays.fill(cells, 0);
                Arrays.fill(values, 0);
            }
            size = 0;
        }
    }
}
