package io.socialpulse.trends;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * The accounts of one bucket and platform (or of a merge of them), in three weighted
 * frequent-items sketches: engagement drawn, followers summed over posts (reach), and posts. Memory
 * is fixed by the sketch size however many distinct accounts post. While they fit, counts are
 * exact; past that, each figure is the sketch's lower bound (what the account drew at least), and
 * the lists rank by it, so an account is placed by what is certain of it, never by the sketch's
 * error.
 */
final class Accounts {

    private final ItemsSketch<AccountKey> engagement;
    private final ItemsSketch<AccountKey> reach;
    private final ItemsSketch<AccountKey> posts;
    long engagementTotal;

    Accounts(int sketchSize) {
        engagement = new ItemsSketch<>(sketchSize);
        reach = new ItemsSketch<>(sketchSize);
        posts = new ItemsSketch<>(sketchSize);
    }

    /** The accounts sketch size that goes with a tags sketch of {@code tagsSketchSize}. */
    static int sketchSize(int tagsSketchSize) {
        return Math.max(64, tagsSketchSize / 2);
    }

    /** A post by {@code account} with {@code followers} (null when unknown) that drew {@code engaged}. */
    void post(AccountKey account, Long followers, long engaged) {
        posts.update(account);
        if (followers != null && followers > 0) {
            reach.update(account, followers);
        }
        engaged(account, engaged);
    }

    /** Engagement {@code account} drew: a later poll's growth, or a repost of its post. */
    void engaged(AccountKey account, long engaged) {
        if (engaged > 0) {
            engagement.update(account, engaged);
            engagementTotal = engagementTotal + engaged < 0 ? Long.MAX_VALUE : engagementTotal + engaged;
        }
    }

    void merge(Accounts other) {
        engagement.merge(other.engagement);
        reach.merge(other.reach);
        posts.merge(other.posts);
        engagementTotal += other.engagementTotal;
    }

    void reset() {
        engagement.reset();
        reach.reset();
        posts.reset();
        engagementTotal = 0;
    }

    int size() {
        return posts.getNumActiveItems() + engagement.getNumActiveItems() + reach.getNumActiveItems();
    }

    Influencers top(int limit) {
        boolean exact = engagement.getMaximumError() == 0 && reach.getMaximumError() == 0
                && posts.getMaximumError() == 0;
        return new Influencers(engagementTotal, exact, list(engagement, limit), list(reach, limit), List.of());
    }

    private List<Influencer> list(ItemsSketch<AccountKey> by, int limit) {
        ItemsSketch.Row<AccountKey>[] rows = by.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
        Arrays.sort(rows, Comparator.comparingLong((ItemsSketch.Row<AccountKey> r) -> r.getLowerBound()).reversed()
                .thenComparing(ItemsSketch.Row::getItem));
        List<Influencer> list = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.length); i++) {
            AccountKey account = rows[i].getItem();
            long engaged = engagement.getLowerBound(account);
            double share = engagementTotal == 0 ? 0 : Math.round(engaged * 1000.0 / engagementTotal) / 1000.0;
            list.add(new Influencer(i + 1, account.handle(), account.platform(), account.profileUrl(), engaged, share,
                    posts.getLowerBound(account), reach.getLowerBound(account)));
        }
        return list;
    }
}
