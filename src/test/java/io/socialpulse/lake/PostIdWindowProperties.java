package io.socialpulse.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The dedup window answers every admit, and holds the same ids and manifests, as the plain model
 * of its rules below (strings in hash sets), whatever the run of admits, commits, rebuilds and
 * clears: through the table's growth and shrinking, deletions that wrap its end, ids added twice.
 */
class PostIdWindowProperties {

    /** One step: admit an id, commit the open roll, rebuild from a committed roll, or forget everything. */
    record Step(int kind, int id, int ids, int minutes) {
    }

    @Property(tries = 200)
    void answersAsThePlainModel(@ForAll("runs") List<Step> run, @ForAll("caps") int maxIds) {
        Duration horizon = Duration.ofMinutes(15);
        PostIdWindow window = new PostIdWindow(horizon, maxIds);
        Model model = new Model(horizon, maxIds);
        Instant now = Instant.parse("2026-12-08T00:00:00Z");
        int rolls = 0;
        for (Step step : run) {
            now = now.plus(Duration.ofMinutes(step.minutes()));
            String manifest = "m" + rolls++;
            switch (step.kind()) {
                case 0, 1, 2, 3, 4, 5 -> {
                    for (int i = 0; i < step.ids(); i++) {
                        String id = "x:" + (step.id() + i * 7L) % 6000;
                        assertEquals(model.admit(id), window.admit(id), id);
                    }
                }
                case 6, 7 -> {
                    model.committed(manifest, now);
                    window.committed(manifest, now);
                }
                case 8 -> {
                    model.clear();
                    window.clear();
                    for (int roll = 0; roll <= step.minutes(); roll++) {
                        List<String> ids = new ArrayList<>();
                        for (int i = 0; i < step.ids(); i++) {
                            ids.add("x:" + (step.id() + roll * 3 + i % 5) % 6000); // an id in two rolls, twice in one
                        }
                        model.add(manifest + "-" + roll, now, ids);
                        window.add(manifest + "-" + roll, now, ids);
                    }
                }
                default -> {
                    model.clear();
                    window.clear();
                }
            }
            assertEquals(model.size(), window.size());
            assertEquals(model.manifests(), window.manifests());
        }
    }

    /**
     * From a table of a few cells, so that runs of cells wrap past its end and deletions move cells
     * back across it, through growing to hold thousands and shrinking again.
     */
    @Property(tries = 50)
    void idsAreAMultisetInArrivalOrder(@ForAll("batches") List<Integer> batches, @ForAll("keeps") int keep) {
        PostIds ids = new PostIds(8);
        ArrayDeque<String> order = new ArrayDeque<>();
        Map<String, Integer> held = new HashMap<>();
        int next = 0;
        for (int batch : batches) {
            for (int i = 0; i < batch; i++) {
                String id = "p:" + next++ % 500; // fewer ids than some windows hold: counts above one
                boolean added = i % 3 == 0 ? addAgain(ids, id) : ids.addIfAbsent(id);
                assertEquals(!held.containsKey(id) || i % 3 == 0, added, id);
                if (added) {
                    order.addLast(id);
                    held.merge(id, 1, Integer::sum);
                }
            }
            int drop = Math.max(0, order.size() - (batch % 4 == 0 ? keep / 8 : keep));
            ids.removeOldest(drop);
            for (int i = 0; i < drop; i++) {
                held.computeIfPresent(order.removeFirst(), (k, n) -> n == 1 ? null : n - 1);
            }
            assertEquals(order.size(), ids.size());
        }
        for (String id : held.keySet()) {
            assertEquals(false, ids.addIfAbsent(id), id);
        }
    }

    private static boolean addAgain(PostIds ids, String id) {
        ids.add(id);
        return true;
    }

    @Provide
    Arbitrary<Integer> keeps() {
        return Arbitraries.of(3, 6, 40, 1_500);
    }

    @Provide
    Arbitrary<List<Integer>> batches() {
        return Arbitraries.integers().between(1, 300).list().ofMinSize(20).ofMaxSize(200);
    }

    @Provide
    Arbitrary<List<Step>> runs() {
        return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 5999),
                Arbitraries.integers().between(0, 400), Arbitraries.integers().between(0, 4)).as(Step::new)
                .list().ofMinSize(1).ofMaxSize(120);
    }

    @Provide
    Arbitrary<Integer> caps() {
        return Arbitraries.of(0, 50, 1_500, 4_000, 100_000);
    }

    /** The window's rules over strings, as it was first written. */
    private static final class Model {
        private record Group(String manifest, Instant committedAt, List<String> ids) {
        }

        private final Duration horizon;
        private final int maxIds;
        private final ArrayDeque<Group> groups = new ArrayDeque<>();
        private final Map<String, Integer> committed = new HashMap<>();
        private final Set<String> open = new HashSet<>();
        private final List<String> openOrder = new ArrayList<>();
        private int size;

        Model(Duration horizon, int maxIds) {
            this.horizon = horizon;
            this.maxIds = maxIds;
        }

        boolean admit(String id) {
            if (committed.containsKey(id) || !open.add(id)) {
                return false;
            }
            openOrder.add(id);
            return true;
        }

        void committed(String manifest, Instant at) {
            if (!openOrder.isEmpty()) {
                add(manifest, at, List.copyOf(openOrder));
            }
            open.clear();
            openOrder.clear();
        }

        void add(String manifest, Instant at, List<String> ids) {
            groups.addLast(new Group(manifest, at, ids));
            ids.forEach(id -> committed.merge(id, 1, Integer::sum));
            size += ids.size();
            while (!groups.isEmpty()
                    && (groups.peekFirst().committedAt.isBefore(at.minus(horizon)) || size > maxIds)) {
                Group gone = groups.removeFirst();
                gone.ids.forEach(id -> committed.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1));
                size -= gone.ids.size();
            }
        }

        void clear() {
            groups.clear();
            committed.clear();
            open.clear();
            openOrder.clear();
            size = 0;
        }

        List<String> manifests() {
            return groups.stream().map(Group::manifest).toList();
        }

        int size() {
            return size + open.size();
        }
    }
}
