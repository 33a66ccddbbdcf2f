package io.socialpulse.trends;

/**
 * What a bucket knows about one tag beyond its count: the sentiment of its posts, and its distinct
 * authors in a 128-bit linear-counting bitmap (16 bytes; accurate well past the few authors a
 * trend must have, and merged by OR).
 */
final class TagStats {

    final SentimentTally sentiment = new SentimentTally();
    long authorsLow;
    long authorsHigh;

    void author(String author) {
        if (author == null) {
            return;
        }
        int bit = (mix(author.hashCode()) >>> 1) % 128;
        if (bit < 64) {
            authorsLow |= 1L << bit;
        } else {
            authorsHigh |= 1L << (bit - 64);
        }
    }

    void merge(TagStats other) {
        sentiment.merge(other.sentiment);
        authorsLow |= other.authorsLow;
        authorsHigh |= other.authorsHigh;
    }

    /** Linear counting: n = -m ln(empty / m), with m = 128 bits. */
    long authors() {
        int set = Long.bitCount(authorsLow) + Long.bitCount(authorsHigh);
        if (set >= 128) {
            return 600; // saturated: at least several hundred
        }
        return Math.round(-128 * Math.log((128.0 - set) / 128));
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
