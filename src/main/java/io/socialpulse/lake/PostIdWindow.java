package io.socialpulse.lake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The post ids a shard wrote recently, to drop a post that Kinesis holds twice (a PutRecords the
 * publisher sent again after its answer was lost). Ids are kept per committed roll, and a roll is
 * forgotten once it is older than the horizon by its manifest's time, measured against the newest
 * committed roll, or when the window holds more ids than its cap. Both rules depend only on what
 * is committed, so a writer restarted from the manifests holds exactly the ids the first one held
 * at the same point, and a roll cut again after a crash drops exactly the same posts.
 */
final class PostIdWindow {

    private record Group(String manifest, Instant committedAt, List<String> ids) {
    }

    private final Duration horizon;
    private final int maxIds;
    private final ArrayDeque<Group> groups = new ArrayDeque<>();
    private final Map<String, Integer> committed = new HashMap<>();
    private final Set<String> open = new HashSet<>();
    private final List<String> openOrder = new ArrayList<>();
    private int size;

    PostIdWindow(Duration horizon, int maxIds) {
        this.horizon = horizon;
        this.maxIds = maxIds;
    }

    /** True when the id is new to the window (and now in the open roll); false for a duplicate. */
    boolean admit(String id) {
        if (committed.containsKey(id) || !open.add(id)) {
            return false;
        }
        openOrder.add(id);
        return true;
    }

    /** The open roll was committed under {@code manifest}, made at {@code at}: its ids join the window. */
    void committed(String manifest, Instant at) {
        if (!openOrder.isEmpty()) {
            add(manifest, at, List.copyOf(openOrder));
        }
        open.clear();
        openOrder.clear();
    }

    /** Adds a committed roll's ids, oldest roll first: how a restarted writer rebuilds the window. */
    void add(String manifest, Instant at, List<String> ids) {
        groups.addLast(new Group(manifest, at, ids));
        for (String id : ids) {
            committed.merge(id, 1, Integer::sum);
        }
        size += ids.size();
        Instant oldest = at.minus(horizon);
        while (!groups.isEmpty() && (groups.peekFirst().committedAt.isBefore(oldest) || size > maxIds)) {
            Group gone = groups.removeFirst();
            for (String id : gone.ids) {
                committed.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
            }
            size -= gone.ids.size();
        }
    }

    /** Forgets everything, the open roll included: the writer restarts and rebuilds the window. */
    void clear() {
        groups.clear();
        committed.clear();
        open.clear();
        openOrder.clear();
        size = 0;
    }

    /** The manifests of the rolls remembered, oldest first: what a checkpoint records. */
    List<String> manifests() {
        return groups.stream().map(Group::manifest).toList();
    }

    /** Ids held, committed and open. */
    int size() {
        return size + open.size();
    }
}
