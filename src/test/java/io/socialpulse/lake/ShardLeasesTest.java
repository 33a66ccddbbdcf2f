package io.socialpulse.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.socialpulse.store.ObjectStore;
import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.MovableClock;

import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Shard leases kept in the S3 emulator with conditional writes, several lake processes in one
 * test, each played by the steps its reader takes: ask for its shards, stop those it lost, say
 * when it has stopped one. Time is a clock the test moves, so a lease running out is exact.
 */
class ShardLeasesTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final Emulators emulators = Emulators.get();
    private final MovableClock clock = new MovableClock(Instant.now());
    private final String bucket = emulators.createBucket("leases");
    private final ObjectStore store = new ObjectStore(emulators.s3Async(), bucket);

    /** A lake process as its reader drives the leases: what it reads now, handed over after each stop. */
    private final class Process {
        final ShardLeases leases;
        Set<String> reading = new HashSet<>();

        Process(String name) {
            leases = new ShardLeases(true, new LeaseRecords(store, "p/_leases/s/"), LEASE, clock, name);
        }

        void round(List<Shard> listed) {
            Set<String> mine = leases.assign(listed).await().atMost(Duration.ofSeconds(30));
            for (String id : reading) {
                if (!mine.contains(id)) {
                    leases.finished(id, false).await().atMost(Duration.ofSeconds(30));
                }
            }
            reading = new HashSet<>(mine);
        }
    }

    private static List<Shard> shards(int n) {
        return IntStream.range(0, n).mapToObj(i -> Shard.builder().shardId(String.format("shardId-%012d", i)).build())
                .toList();
    }

    /** Rounds every process in turn, a third of a lease apart, as their readers would. */
    private void rounds(int n, List<Shard> listed, Process... processes) {
        for (int i = 0; i < n; i++) {
            for (Process p : processes) {
                p.round(listed);
            }
            clock.advance(LEASE.dividedBy(3));
        }
    }

    /** Each process's count of shards read, checking no shard is read by two. */
    private static Map<String, Integer> spread(Process... processes) {
        Map<String, Integer> counts = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Process p : processes) {
            for (String id : p.reading) {
                assertTrue(seen.add(id), id + " read by two processes");
            }
            counts.put(p.leases.owner(), p.reading.size());
        }
        return counts;
    }

    @Test
    void threeProcessesSplitEightShardsThreeThreeTwoAndEveryShardIsRead() {
        List<Shard> listed = shards(8);
        Process a = new Process("a");
        Process b = new Process("b");
        Process c = new Process("c");
        rounds(3, listed, a, b, c);
        assertEquals(Map.of("a", 3, "b", 3, "c", 2), spread(a, b, c));
        Set<String> all = new HashSet<>(a.reading);
        all.addAll(b.reading);
        all.addAll(c.reading);
        assertEquals(8, all.size());
    }

    @Test
    void aProcessAddedLaterGetsItsShareFromTheOthers() {
        List<Shard> listed = shards(8);
        Process a = new Process("a");
        Process b = new Process("b");
        rounds(2, listed, a, b);
        assertEquals(Map.of("a", 4, "b", 4), spread(a, b));
        Process c = new Process("c");
        rounds(3, listed, a, b, c);
        assertEquals(Map.of("a", 3, "b", 3, "c", 2), spread(a, b, c));
    }

    @Test
    void theShardsOfAProcessThatDiedAreTakenOnceItsLeasesRunOut() {
        List<Shard> listed = shards(8);
        Process a = new Process("a");
        Process b = new Process("b");
        Process c = new Process("c");
        rounds(3, listed, a, b, c);
        Set<String> orphaned = Set.copyOf(c.reading);
        // c is killed: it renews nothing from now on.
        a.round(listed);
        b.round(listed);
        assertEquals(6, a.reading.size() + b.reading.size(), "not before its leases run out");
        clock.advance(LEASE.plusSeconds(1));
        rounds(2, listed, a, b);
        assertEquals(Map.of("a", 4, "b", 4), spread(a, b));
        Set<String> taken = new HashSet<>(a.reading);
        taken.addAll(b.reading);
        assertTrue(taken.containsAll(orphaned), "every shard of the dead process is read again");
    }

    @Test
    void aStoppingProcessHandsItsShardsOverAtOnce() {
        List<Shard> listed = shards(8);
        Process a = new Process("a");
        Process b = new Process("b");
        rounds(2, listed, a, b);
        b.leases.leave().await().atMost(Duration.ofSeconds(30));
        a.round(listed); // well within the lease time b had left
        assertEquals(8, a.reading.size());
        assertEquals(Set.of(), b.leases.held());
    }

    @Test
    void aChildShardIsGivenOnlyAfterItsParentsWereReadToTheirEnd() {
        Shard parent = Shard.builder().shardId("shardId-000000000000").build();
        Shard left = Shard.builder().shardId("shardId-000000000001").parentShardId(parent.shardId()).build();
        Shard right = Shard.builder().shardId("shardId-000000000002").parentShardId(parent.shardId()).build();
        List<Shard> listed = List.of(parent, left, right);
        Process a = new Process("a");
        Process b = new Process("b");
        rounds(2, listed, a, b);
        List<String> reading = new ArrayList<>(a.reading);
        reading.addAll(b.reading);
        assertEquals(List.of(parent.shardId()), reading, "only the parent while it is open");
        Process holder = a.reading.isEmpty() ? b : a;
        holder.leases.finished(parent.shardId(), true).await().atMost(Duration.ofSeconds(30));
        holder.reading.remove(parent.shardId());
        rounds(2, listed, a, b);
        assertEquals(Map.of("a", 1, "b", 1), spread(a, b));
        assertTrue(!a.reading.contains(parent.shardId()) && !b.reading.contains(parent.shardId()));
    }

    @Test
    void aLeaseTakenWhileItsHolderStalledIsDroppedByTheHolder() {
        List<Shard> listed = shards(2);
        Process a = new Process("a");
        rounds(1, listed, a);
        assertEquals(2, a.reading.size());
        clock.advance(LEASE.plusSeconds(1)); // a stalls past its leases
        Process b = new Process("b");
        b.round(listed);
        assertEquals(2, b.reading.size(), "b finds both run out and takes them (a is not alive either)");
        a.round(listed);
        assertEquals(Set.of(), a.reading, "a finds them taken and stops reading them");
        assertEquals(Set.of(), a.leases.held());
        rounds(3, listed, a, b);
        assertEquals(Map.of("a", 1, "b", 1), spread(a, b));
    }

    @Test
    void ofTwoWritesOverTheSameVersionOfALeaseOnlyTheFirstLands() {
        LeaseRecords records = new LeaseRecords(store, "p/_leases/s/");
        String shard = "shardId-000000000000";
        Duration wait = Duration.ofSeconds(30);
        Optional<String> first = records.write(shard, null, new LeaseRecords.Lease("a", 1, false)).await().atMost(wait);
        assertTrue(first.isPresent(), "a creates the lease");
        assertEquals(Optional.empty(), records.write(shard, null, new LeaseRecords.Lease("b", 1, false)).await()
                .atMost(wait), "b's create finds it there");
        Optional<String> second = records.write(shard, first.get(), new LeaseRecords.Lease("b", 2, false)).await()
                .atMost(wait);
        assertTrue(second.isPresent(), "b takes it over the version it read");
        assertEquals(Optional.empty(), records.write(shard, first.get(), new LeaseRecords.Lease("a", 3, false))
                .await().atMost(wait), "a's renewal over the old version is refused");
        assertEquals("b", records.leases(List.of(shard)).await().atMost(wait).get(shard)
                .map(LeaseRecords::decode).orElseThrow().owner());
    }
}
