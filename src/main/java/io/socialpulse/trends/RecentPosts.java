package io.socialpulse.trends;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The posts counted in the last hour (the longest window), so that one post collected by two
 * sources (Bluesky search and Jetstream, two Mastodon instances) is counted once. Ids are kept as
 * 64-bit hashes in one open-addressing set per minute, kept at most half full: 16 to 32 bytes an id
 * (33 MB for a million in {@code bin/bench-trends}), at most {@code capacity} ids; past that the
 * oldest minutes are forgotten first, which shortens the time a repeat is caught but never grows
 * memory.
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

    /** True the first time {@code id} is offered within the hour; false for a repeat. */
    public synchronized boolean first(String id, Instant now) {
        long hash = hash(id);
        long minute = Math.floorDiv(now.toEpochMilli(), MINUTE);
        for (int i = 0; i < MINUTES; i++) {
            if (starts[i] != Long.MIN_VALUE && starts[i] > minute - MINUTES && sets[i].contains(hash)) {
                return false;
            }
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
        sets[slot].add(hash);
        total++;
        return true;
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

    /** A set of non-zero longs, linear probing, grown at half full. */
    private static final class LongSet {
        private long[] cells = new long[16];
        private int size;

        boolean contains(long key) {
            int mask = cells.length - 1;
            for (int i = (int) (key ^ (key >>> 32)) & mask;; i = (i + 1) & mask) {
                if (cells[i] == 0) {
                    return false;
                }
                if (cells[i] == key) {
                    return true;
                }
            }
        }

        void add(long key) {
            if ((size + 1) * 2 > cells.length) {
                long[] old = cells;
                cells = new long[old.length * 2];
                size = 0;
                for (long k : old) {
                    if (k != 0) {
                        put(k);
                    }
                }
            }
            put(key);
        }

        private void put(long key) {
            int mask = cells.length - 1;
            for (int i = (int) (key ^ (key >>> 32)) & mask;; i = (i + 1) & mask) {
                if (cells[i] == key) {
                    return;
                }
                if (cells[i] == 0) {
                    cells[i] = key;
                    size++;
                    return;
                }
            }
        }

        int size() {
            return size;
        }

        void clear() {
            if (cells.length > 16) {
                cells = new long[16];
            } else {
                Arrays.fill(cells, 0);
            }
            size = 0;
        }
    }
}
