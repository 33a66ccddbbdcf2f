package io.socialpulse.lake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The post ids a shard wrote recently, to drop a post that Kinesis holds twice (a PutRecords the
 * publisher sent again after its answer was lost). Ids are kept per committed roll, and a roll is
 * forgotten once it is older than the horizon by its manifest's time, measured against the newest
 * committed roll, or when the window holds more ids than its cap. Both rules depend only on what
 * is committed, so a writer restarted from the manifests holds exactly the ids the first one held
 * at the same point, and a roll cut again after a crash drops exactly the same posts. The ids are
 * held as hashes ({@link PostIds}): about 60 bytes each.
 */
final class PostIdWindow {

    private record Group(String manifest, Instant committedAt, int ids) {
    }

    private final Duration horizon;
    private final int maxIds;
    private final ArrayDeque<Group> groups = new ArrayDeque<>();
    /** The committed rolls' ids, oldest first, then the open roll's. */
    private final PostIds ids = new PostIds();
    /** How many of the newest ids are the open roll's. */
    private int open;

    PostIdWindow(Duration horizon, int maxIds) {
        this.horizon = horizon;
        this.maxIds = maxIds;
    }

    /** True when the id is new to the window (and now in the open roll); false for a duplicate. */
    boolean admit(String id) {
        if (!ids.addIfAbsent(id)) {
            return false;
        }
        open++;
        return true;
    }

    /** The open roll was committed under {@code manifest}, made at {@code at}: its ids join the window. */
    void committed(String manifest, Instant at) {
        int count = open;
        open = 0;
        if (count > 0) {
            group(manifest, at, count);
        }
    }

    /** Adds a committed roll's ids, oldest roll first: how a restarted writer rebuilds the window. */
    void add(String manifest, Instant at, List<String> rollIds) {
        if (open > 0) {
            throw new IllegalStateException("a roll is open: clear the window before rebuilding it");
        }
        rollIds.forEach(ids::add);
        group(manifest, at, rollIds.size());
    }

    private void group(String manifest, Instant at, int count) {
        groups.addLast(new Group(manifest, at, count));
        Instant oldest = at.minus(horizon);
        while (!groups.isEmpty()
                && (groups.peekFirst().committedAt.isBefore(oldest) || ids.size() - open > maxIds)) {
            ids.removeOldest(groups.removeFirst().ids);
        }
    }

    /** Forgets everything, the open roll included: the writer restarts and rebuilds the window. */
    void clear() {
        groups.clear();
        ids.clear();
        open = 0;
    }

    /** The manifests of the rolls remembered, oldest first: what a checkpoint records. */
    List<String> manifests() {
        return groups.stream().map(Group::manifest).toList();
    }

    /** Ids held, committed and open. */
    int size() {
        return ids.size();
    }
}
