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
 * is fixed by the sketch size however many distinct accounts post; while they fit, counts are
 * exact.
 */
final class Accounts {

    private final ItemsSketch<String> engagement;
    private final ItemsSketch<String> reach;
    private final ItemsSketch<String> posts;
    long engagementTotal;

    Accounts(int sketchSize) {
        engagement = new ItemsSketch<>(sketchSize);
        reach = new ItemsSketch<>(sketchSize);
        posts = new ItemsSketch<>(sketchSize);
    }

    /** The accounts sketch size that goes with a tags sketch of {@code tagsSketchSize}. */
    static int sketchSize(int tagsSketchSize) {
        return Math.max(64, tagsSketchSize / 4);
    }

    /** A post by {@code account} with {@code followers} (null when unknown) that drew {@code engaged}. */
    void post(String account, Long followers, long engaged) {
        posts.update(account);
        if (followers != null && followers > 0) {
            reach.update(account, followers);
        }
        engaged(account, engaged);
    }

    /** Engagement {@code account} drew: a later poll's growth, or a repost of its post. */
    void engaged(String account, long engaged) {
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
        return new Influencers(engagementTotal, list(engagement, limit), list(reach, limit), List.of());
    }

    private List<Influencer> list(ItemsSketch<String> by, int limit) {
        ItemsSketch.Row<String>[] rows = by.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
        Arrays.sort(rows, Comparator.comparingLong((ItemsSketch.Row<String> r) -> r.getEstimate()).reversed()
                .thenComparing(ItemsSketch.Row::getItem));
        List<Influencer> list = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.length); i++) {
            String account = rows[i].getItem();
            String[] parts = Engagement.parts(account);
            long engaged = engagement.getEstimate(account);
            double share = engagementTotal == 0 ? 0 : Math.round(engaged * 1000.0 / engagementTotal) / 1000.0;
            list.add(new Influencer(i + 1, parts[1], parts[0], parts[2], engaged, share, posts.getEstimate(account),
                    reach.getEstimate(account)));
        }
        return list;
    }
}
