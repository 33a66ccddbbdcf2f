package io.socialpulse.trends;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The posts counted in the last hour (the longest window), so that one post collected by two
 * sources (Bluesky search and Jetstream, two Mastodon instances) or polled twice is counted once,
 * and the engagement each drew when last seen, so that a later poll adds only the growth. Ids are
 * kept as 64-bit hashes in one open-addressing table, each with the engagement it drew and the
 * minute it was first offered in: one probe sequence answers whether an id was seen, however many
 * minutes the hour holds. A minute's ids die together when the minute leaves the hour, or earlier
 * when the table holds {@code capacity} ids (the oldest minutes are forgotten first, which shortens
 * the time a repeat is caught but never grows memory); a dead cell is taken by the next id that
 * probes it. About 32 bytes an id.
 */
public final class RecentPosts {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final int MINUTES = 61;
    /** A cell's minute tag: the minute's slot in its low bits, a fresh number above them. */
    private static final int SLOT_BITS = 6;
    private static final int MIN_CELLS = 1 << 10;

    private final int capacity;
    /** The minute each slot holds, or MIN_VALUE; with its tag (0: nothing live) and live ids. */
    private final long[] starts = new long[MINUTES];
    private final int[] tags = new int[MINUTES];
    private final int[] counts = new int[MINUTES];
    private int nextTag;
    private int total;

    private long[] keys = new long[MIN_CELLS];
    private int[] values = new int[MIN_CELLS];
    private int[] cellTags = new int[MIN_CELLS];
    /** Cells ever filled since the table was last rebuilt: live and dead. */
    private int used;

    public RecentPosts(int capacity) {
        this.capacity = capacity;
        Arrays.fill(starts, Long.MIN_VALUE);
    }

    /** What {@link #offer} answers the first time an id is offered within the hour. */
    public static final long FIRST = -1;

    /** True the first time {@code id} is offered within the hour; false for a repeat. */
    public boolean first(String id, Instant now) {
        return offer(id, now, 0) == FIRST;
    }

    /** Whether {@code id} was offered within the hour. */
    public synchronized boolean contains(String id, Instant now) {
        long minute = Math.floorDiv(now.toEpochMilli(), MINUTE);
        long hash = hash(id);
        int mask = keys.length - 1;
        for (int i = index(hash, mask);; i = (i + 1) & mask) {
            if (keys[i] == 0) {
                return false;
            }
            if (keys[i] == hash) {
                return live(i, minute);
            }
        }
    }

    /**
     * {@link #FIRST} the first time {@code id} is offered within the hour, with the {@code engaged}
     * it drew; for a repeat, how much more it drew than the most it was seen with (0 if no more).
     */
    public synchronized long offer(String id, Instant now, long engaged) {
        long hash = hash(id);
        long minute = Math.floorDiv(now.toEpochMilli(), MINUTE);
        int slot = (int) Math.floorMod(minute, (long) MINUTES);
        if (starts[slot] != minute) {
            forget(slot); // the minute an hour ago: its ids die
            starts[slot] = minute;
        }
        int mask = keys.length - 1;
        int free = -1;
        int i = index(hash, mask);
        for (;; i = (i + 1) & mask) {
            if (keys[i] == 0) {
                break;
            }
            boolean live = live(i, minute);
            if (keys[i] == hash) {
                if (live) {
                    return raise(i, engaged);
                }
                free = i; // its own dead cell: the key stays in one cell only
                break;
            }
            if (!live && free < 0) {
                free = i;
            }
        }
        while (total >= capacity && forgetOldest(slot)) {
            // dropped the oldest minute
        }
        if (tags[slot] == 0) {
            tags[slot] = newTag(slot);
        }
        if (free < 0) {
            free = i;
            used++;
        }
        keys[free] = hash;
        values[free] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, engaged));
        cellTags[free] = tags[slot];
        counts[slot]++;
        total++;
        if (used * 4L > keys.length * 3L) {
            rebuild(minute);
        }
        return FIRST;
    }

    public synchronized int size() {
        return total;
    }

    /** Ids held as live at {@code now}: a count over the whole table, for tests. */
    synchronized int live(Instant now) {
        return liveCells(Math.floorDiv(now.toEpochMilli(), MINUTE));
    }

    private int liveCells(long minute) {
        int live = 0;
        for (int c = 0; c < keys.length; c++) {
            if (keys[c] != 0 && live(c, minute)) {
                live++;
            }
        }
        return live;
    }

    private boolean live(int cell, long minute) {
        return liveTag(cellTags[cell], minute);
    }

    private long raise(int cell, long engaged) {
        int held = values[cell];
        if (engaged <= held) {
            return 0;
        }
        values[cell] = (int) Math.min(Integer.MAX_VALUE, engaged);
        return values[cell] - held;
    }

    /** Every id of a slot's minute dies: its tag is retired. */
    private void forget(int slot) {
        total -= counts[slot];
        counts[slot] = 0;
        tags[slot] = 0;
    }

    private int newTag(int slot) {
        nextTag = nextTag + 1 >= 1 << (31 - SLOT_BITS) ? 1 : nextTag + 1;
        return nextTag << SLOT_BITS | slot;
    }

    private boolean forgetOldest(int keep) {
        int oldest = -1;
        for (int i = 0; i < MINUTES; i++) {
            if (i != keep && counts[i] > 0 && (oldest < 0 || starts[i] < starts[oldest])) {
                oldest = i;
            }
        }
        if (oldest < 0) {
            forget(keep);
            return false;
        }
        forget(oldest);
        return true;
    }

    /** The live ids into a table sized for them, dead cells left behind. */
    private void rebuild(long minute) {
        int live = liveCells(minute);
        long[] oldKeys = keys;
        int[] oldValues = values;
        int[] oldTags = cellTags;
        int cells = MIN_CELLS;
        while (cells < live * 2L + 2 && cells < 1 << 30) {
            cells <<= 1;
        }
        keys = new long[cells];
        values = new int[cells];
        cellTags = new int[cells];
        used = 0;
        int mask = cells - 1;
        for (int c = 0; c < oldKeys.length; c++) {
            if (oldKeys[c] != 0 && liveTag(oldTags[c], minute)) {
                int i = index(oldKeys[c], mask);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[c];
                values[i] = oldValues[c];
                cellTags[i] = oldTags[c];
                used++;
            }
        }
    }

    private boolean liveTag(int tag, long minute) {
        int slot = tag & ((1 << SLOT_BITS) - 1);
        return tag != 0 && tags[slot] == tag && starts[slot] > minute - MINUTES;
    }

    private static int index(long hash, int mask) {
        return (int) (hash ^ (hash >>> 32)) & mask;
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
}
