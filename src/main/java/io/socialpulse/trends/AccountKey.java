package io.socialpulse.trends;

import java.util.Comparator;

/**
 * An account as the sketches count it: platform, handle and profile URL. A record of the post's own
 * strings, so counting a post builds no new text (their hash codes are cached by the strings).
 */
record AccountKey(String platform, String handle, String profileUrl) implements Comparable<AccountKey> {

    private static final Comparator<AccountKey> ORDER = Comparator.comparing(AccountKey::platform)
            .thenComparing(AccountKey::handle)
            .thenComparing(AccountKey::profileUrl, Comparator.nullsFirst(Comparator.naturalOrder()));

    @Override
    public int compareTo(AccountKey other) {
        return ORDER.compare(this, other);
    }
}
