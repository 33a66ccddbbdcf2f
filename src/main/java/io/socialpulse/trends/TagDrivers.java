package io.socialpulse.trends;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

import io.socialpulse.post.Post;

/**
 * Who posts the tags that may trend, and their most engaging posts. Only tracked tags are counted:
 * the candidates of the last tick (the tags rising and trending are chosen from), plus new tags
 * while there is room, so that a tag that bursts between two ticks is followed from its first post.
 * Each tick keeps only the candidates, so memory follows the number of candidates and never grows
 * with the stream.
 */
final class TagDrivers {

    /** Accounts counted per tracked tag; beyond it, the sketch keeps the heaviest. */
    static final int ACCOUNTS = 64;
    static final int TEXT = 280;

    private final int capacity;
    private final int examples;
    private final Map<String, Tracked> tracked = new HashMap<>();

    /** Tracks at most {@code capacity} tags, each with its {@code examples} most engaging posts. */
    TagDrivers(int capacity, int examples) {
        this.capacity = capacity;
        this.examples = examples;
    }

    private final class Tracked {
        final ItemsSketch<AccountKey> posts = new ItemsSketch<>(ACCOUNTS);
        final ItemsSketch<AccountKey> engagement = new ItemsSketch<>(ACCOUNTS);
        /** The most engaging posts of each platform, so that a platform's scope has its own. */
        final Map<String, Examples> examples = new HashMap<>();

        void example(Post post, Driver.Example example) {
            Examples own = examples.get(post.platform());
            if (own == null && examples.size() < TrendWindow.MAX_PLATFORMS) {
                own = new Examples();
                examples.put(post.platform(), own);
            }
            if (own != null) {
                own.offer(post.id(), example);
            }
        }

        List<Driver.Example> examples(String scope) {
            List<Driver.Example> all = new ArrayList<>();
            for (Map.Entry<String, Examples> e : examples.entrySet()) {
                if (TrendWindow.ALL.equals(scope) || e.getKey().equals(scope)) {
                    all.addAll(e.getValue().top);
                }
            }
            all.sort(Comparator.comparingLong(Driver.Example::engagement).reversed()
                    .thenComparing(Driver.Example::createdAt, Comparator.nullsLast(Comparator.reverseOrder())));
            return List.copyOf(all.subList(0, Math.min(TagDrivers.this.examples, all.size())));
        }
    }

    /** The {@code examples} most engaging posts, each once, most engaging first. */
    private final class Examples {
        final List<Driver.Example> top = new ArrayList<>(examples + 1);
        final List<String> ids = new ArrayList<>(examples + 1);

        void offer(String id, Driver.Example example) {
            int at = ids.indexOf(id);
            if (at >= 0) {
                top.remove(at);
                ids.remove(at);
            }
            int i = 0;
            while (i < top.size() && top.get(i).engagement() >= example.engagement()) {
                i++;
            }
            if (i < examples) {
                top.add(i, example);
                ids.add(i, id);
                if (top.size() > examples) {
                    top.remove(examples);
                    ids.remove(examples);
                }
            }
        }
    }

    /** A new post that drew {@code engaged}. */
    synchronized void post(Post post, long engaged) {
        AccountKey account = Engagement.account(post.platform(), post.author());
        Driver.Example example = null;
        for (String tag : post.hashtags()) {
            Tracked t = tracked.get(tag);
            if (t == null && tracked.size() < capacity) {
                t = new Tracked();
                tracked.put(tag, t);
            }
            if (t == null) {
                continue;
            }
            if (account != null) {
                t.posts.update(account);
                if (engaged > 0) {
                    t.engagement.update(account, engaged);
                }
            }
            if (example == null) {
                example = example(post, engaged);
            }
            t.example(post, example);
        }
    }

    /** A post seen again, having drawn {@code more} since: its account and its example move up. */
    synchronized void engaged(Post post, long more, long engaged) {
        AccountKey account = Engagement.account(post.platform(), post.author());
        for (String tag : post.hashtags()) {
            Tracked t = tracked.get(tag);
            if (t != null) {
                if (account != null) {
                    t.engagement.update(account, more);
                }
                t.example(post, example(post, engaged));
            }
        }
    }

    /** Keeps the tags in {@code keep} (tracking those not yet tracked) and forgets every other. */
    synchronized void retain(Set<String> keep) {
        for (Iterator<String> it = tracked.keySet().iterator(); it.hasNext();) {
            if (!keep.contains(it.next())) {
                it.remove();
            }
        }
        for (String tag : keep) {
            if (tracked.size() >= capacity) {
                break;
            }
            tracked.computeIfAbsent(tag, t -> new Tracked());
        }
    }

    synchronized int size() {
        return tracked.size();
    }

    /** The drivers of {@code tags} in {@code scope} ("all" or a platform), {@code limit} accounts each. */
    synchronized List<Driver> of(Collection<String> tags, String scope, int limit) {
        List<Driver> drivers = new ArrayList<>();
        for (String tag : tags) {
            Tracked t = tracked.get(tag);
            if (t == null) {
                continue;
            }
            ItemsSketch.Row<AccountKey>[] rows = t.posts.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
            Arrays.sort(rows, Comparator.comparingLong((ItemsSketch.Row<AccountKey> r) -> r.getLowerBound()).reversed()
                    .thenComparing(r -> -t.engagement.getLowerBound(r.getItem()))
                    .thenComparing(ItemsSketch.Row::getItem));
            List<Driver.Account> accounts = new ArrayList<>();
            for (ItemsSketch.Row<AccountKey> row : rows) {
                AccountKey account = row.getItem();
                if (accounts.size() < limit && (TrendWindow.ALL.equals(scope) || account.platform().equals(scope))) {
                    accounts.add(new Driver.Account(account.handle(), account.platform(), account.profileUrl(),
                            row.getLowerBound(), t.engagement.getLowerBound(account)));
                }
            }
            boolean exact = t.posts.getMaximumError() == 0 && t.engagement.getMaximumError() == 0;
            drivers.add(new Driver(tag, exact, accounts, t.examples(scope)));
        }
        return drivers;
    }

    private static Driver.Example example(Post post, long engaged) {
        String text = post.text() == null ? "" : post.text();
        if (text.length() > TEXT) {
            int cut = Character.isLowSurrogate(text.charAt(TEXT - 1)) ? TEXT - 2 : TEXT - 1;
            text = text.substring(0, cut) + "…"; // 280 characters at most, the ellipsis included
        }
        String author = post.author() == null
                ? null
                : post.author().handle() != null ? post.author().handle() : post.author().nativeId();
        return new Driver.Example(post.url(), author, post.platform(), text, post.metrics(), engaged,
                post.createdAt());
    }
}
