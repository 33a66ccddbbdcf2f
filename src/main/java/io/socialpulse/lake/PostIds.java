package io.socialpulse.lake;

/**
 * Post ids as 128-bit hashes, in the order they came: a multiset that forgets from its oldest end.
 * The hashes sit in one open-addressing table with a count each (linear probing, deletion by
 * shifting back) and in a ring in arrival order, so there is no object per id for the collector to
 * trace: 43 to 85 bytes an id (about 60) as the table and the ring double, against about 100 for
 * a string in a hash set. Two ids share a hash with a chance of about 2^-128 a pair (a post among 2
 * million ids held is taken for a copy with a chance of about 10^-32). Not thread-safe: one shard's
 * writer owns it.
 */
final class PostIds {

    /** The fewest cells the table and the ring shrink to, a power of two. */
    private final int minCells;
    /** Two longs a cell, the hash's high and low half; a high half of 0 marks an empty cell. */
    private long[] cells;
    private int[] counts;
    private int distinct;
    /** The hashes in arrival order, two longs each, from {@code head} on, wrapping. */
    private long[] ring;
    private int head;
    private int length;
    /** The hash of the id last looked at. */
    private long high;
    private long low;

    PostIds() {
        this(1 << 10);
    }

    /** With at least {@code minCells} cells (a power of two): a small table shows wrapping in tests. */
    PostIds(int minCells) {
        this.minCells = minCells;
        clear();
    }

    /** Adds {@code id} unless it is held already; true when it was added. */
    boolean addIfAbsent(String id) {
        hash(id);
        if (find(high, low) >= 0) {
            return false;
        }
        insert(high, low);
        return true;
    }

    /** Adds {@code id} once more, whether or not it is held. */
    void add(String id) {
        hash(id);
        insert(high, low);
    }

    /** Forgets the {@code n} ids that came first. */
    void removeOldest(int n) {
        for (int k = 0; k < n && length > 0; k++) {
            int at = 2 * head;
            int cell = find(ring[at], ring[at + 1]);
            if (cell >= 0 && --counts[cell] == 0) {
                delete(cell);
            }
            head = (head + 1) & (ring.length / 2 - 1);
            length--;
        }
        if (cells.length > 2 * minCells && distinct * 8L < cells.length / 2) {
            resize(cells.length / 4); // a quarter full at most after halving
        }
        if (ring.length > 2 * minCells && length * 4L < ring.length / 2) {
            ring = inOrder(ring.length / 4);
        }
    }

    /** The ids held, counting each time an id was added. */
    int size() {
        return length;
    }

    void clear() {
        cells = new long[2 * minCells];
        counts = new int[minCells];
        ring = new long[2 * minCells];
        distinct = 0;
        head = 0;
        length = 0;
    }

    private void insert(long hi, long lo) {
        if (length == ring.length / 2) {
            ring = inOrder(ring.length);
        }
        int at = 2 * ((head + length) & (ring.length / 2 - 1));
        ring[at] = hi;
        ring[at + 1] = lo;
        length++;
        int cell = find(hi, lo);
        if (cell >= 0) {
            counts[cell]++;
            return;
        }
        cell = -1 - cell;
        cells[2 * cell] = hi;
        cells[2 * cell + 1] = lo;
        counts[cell] = 1;
        distinct++;
        if (distinct * 4L > counts.length * 3L) {
            resize(cells.length); // double the cells
        }
    }

    /** The cell holding the hash, or {@code -1 - cell} for the empty cell where it would go. */
    private int find(long hi, long lo) {
        int mask = counts.length - 1;
        for (int i = home(hi, mask);; i = (i + 1) & mask) {
            long h = cells[2 * i];
            if (h == 0) {
                return -1 - i;
            }
            if (h == hi && cells[2 * i + 1] == lo) {
                return i;
            }
        }
    }

    /** Empties a cell and moves back the cells after it that probed past it, so no search stops short. */
    private void delete(int cell) {
        int mask = counts.length - 1;
        int gap = cell;
        for (int j = (gap + 1) & mask; cells[2 * j] != 0; j = (j + 1) & mask) {
            int home = home(cells[2 * j], mask);
            boolean stays = gap <= j ? gap < home && home <= j : gap < home || home <= j;
            if (!stays) {
                cells[2 * gap] = cells[2 * j];
                cells[2 * gap + 1] = cells[2 * j + 1];
                counts[gap] = counts[j];
                gap = j;
            }
        }
        cells[2 * gap] = 0;
        cells[2 * gap + 1] = 0;
        counts[gap] = 0;
        distinct--;
    }

    private void resize(int cellCount) {
        long[] oldCells = cells;
        int[] oldCounts = counts;
        cells = new long[2 * cellCount];
        counts = new int[cellCount];
        for (int c = 0; c < oldCounts.length; c++) {
            if (oldCells[2 * c] != 0) {
                int cell = -1 - find(oldCells[2 * c], oldCells[2 * c + 1]);
                cells[2 * cell] = oldCells[2 * c];
                cells[2 * cell + 1] = oldCells[2 * c + 1];
                counts[cell] = oldCounts[c];
            }
        }
    }

    /** The ring's hashes from the oldest, in a ring of {@code pairs} pairs. */
    private long[] inOrder(int pairs) {
        long[] copy = new long[2 * pairs];
        int first = Math.min(length, ring.length / 2 - head);
        System.arraycopy(ring, 2 * head, copy, 0, 2 * first);
        System.arraycopy(ring, 0, copy, 2 * first, 2 * (length - first));
        head = 0;
        return copy;
    }

    private static int home(long hi, int mask) {
        return (int) (hi ^ (hi >>> 32)) & mask;
    }

    /** Two 64-bit hashes of the characters in one pass (FNV-1a and a multiply-rotate), each finalized. */
    private void hash(String id) {
        long a = 0xcbf29ce484222325L;
        long b = 0x9e3779b97f4a7c15L;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            a = (a ^ c) * 0x100000001b3L;
            b = Long.rotateLeft((b ^ c) * 0xc2b2ae3d27d4eb4fL, 31);
        }
        long hi = mix(a);
        high = hi == 0 ? 1 : hi;
        low = mix(b + id.length());
    }

    /** MurmurHash3's 64-bit finalizer. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
