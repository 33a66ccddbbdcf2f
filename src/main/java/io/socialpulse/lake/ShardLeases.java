package io.socialpulse.lake;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.socialpulse.config.KinesisConfig;
import io.socialpulse.config.LakeConfig;
import io.socialpulse.config.Role;
import io.socialpulse.config.RolesConfig;
import io.socialpulse.lake.LeaseRecords.Lease;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.store.ObjectStore.Versioned;
import io.socialpulse.stream.read.ShardAssignment;

import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Splits a stream's shards between the processes that run the lake role, through one lease object
 * per shard beside the lake, written only with S3's conditional writes: a lease is taken with
 * {@code If-None-Match: *} or {@code If-Match} on the ETag read, so of two processes taking it at
 * once one wins. Each process says it is alive in an object of its own; every process counts the
 * live ones and holds its share (the processes sorted by name, the first ones one shard more, so
 * all agree on who holds how many), renewing its leases every third of the lease time. A process
 * above its share gives a shard up after the shard's last commit; one that dies has its shards
 * taken once their leases run out. Exactness does not rest on the leases: two processes reading a
 * shard at once (a lease run out under a slow process) still write each record once, by the
 * manifest claim.
 */
@Singleton
public class ShardLeases implements ShardAssignment {

    private final boolean enabled;
    private final LeaseRecords records;
    private final Duration leaseTime;
    private final Clock clock;
    private final String owner;
    /** The leases this process holds, by shard, with the ETag of the lease as it last wrote it. */
    private final Map<String, String> held = new ConcurrentHashMap<>();
    /** Shards this process gives up: still renewed until their last commit, then released. */
    private final Set<String> releasing = ConcurrentHashMap.newKeySet();
    private volatile boolean leaving;

    @Inject
    ShardLeases(LakeConfig lake, KinesisConfig kinesis, RolesConfig roles, ObjectStore store) {
        this(roles.runs(Role.LAKE) && lake.leases(), new LeaseRecords(store,
                new LakeLayout(lake.prefix(), kinesis.stream().orElse("")).leasePrefix()), lake.leaseTime(),
                Clock.systemUTC(), host() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    ShardLeases(boolean enabled, LeaseRecords records, Duration leaseTime, Clock clock, String owner) {
        this.enabled = enabled;
        this.records = records;
        this.leaseTime = leaseTime;
        this.clock = clock;
        this.owner = owner;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Duration every() {
        return leaseTime.dividedBy(3);
    }

    /** This process's name in the leases. */
    public String owner() {
        return owner;
    }

    /** The shards this process holds now, those it is giving up included. */
    public Set<String> held() {
        return Set.copyOf(held.keySet());
    }

    @Override
    public Uni<Set<String>> assign(List<Shard> listed) {
        long now = clock.millis();
        return records.alive(owner, now + leaseTime.toMillis())
                .chain(() -> records.owners(now))
                .chain(owners -> records.leases(listed.stream().map(Shard::shardId).toList())
                        .chain(leases -> balance(listed, leases, owners, now)));
    }

    private Uni<Set<String>> balance(List<Shard> listed, Map<String, Optional<Versioned>> leases, List<String> owners,
            long now) {
        Map<String, Lease> read = new HashMap<>();
        leases.forEach((id, v) -> v.map(LeaseRecords::decode).ifPresent(lease -> read.put(id, lease)));
        List<String> eligible = new ArrayList<>();
        for (Shard shard : listed) {
            Lease lease = read.get(shard.shardId());
            if ((lease == null || !lease.ended()) && parentEnded(shard.parentShardId(), leases, read)
                    && parentEnded(shard.adjacentParentShardId(), leases, read)) {
                eligible.add(shard.shardId());
            }
        }
        Set<String> live = new HashSet<>(owners);
        live.add(owner);
        List<String> ranked = live.stream().sorted().toList();
        int share = eligible.size() / ranked.size()
                + (ranked.indexOf(owner) < eligible.size() % ranked.size() ? 1 : 0);

        List<String> mine = new ArrayList<>();
        List<String> free = new ArrayList<>();
        for (String id : eligible) {
            Lease lease = read.get(id);
            if (lease != null && owner.equals(lease.owner()) && lease.until() > now) {
                mine.add(id);
            } else if (lease == null || lease.until() <= now) {
                free.add(id);
            }
        }
        held.keySet().removeIf(id -> !mine.contains(id)); // run out or taken: no longer ours
        long until = now + leaseTime.toMillis();
        return hold(mine, leases, until).chain(() -> {
            List<String> keep = mine.stream().filter(held::containsKey).filter(id -> !releasing.contains(id))
                    .toList();
            if (keep.size() > share) {
                keep.subList(share, keep.size()).forEach(releasing::add);
                keep = keep.subList(0, share);
            }
            int wanted = leaving ? 0 : share - keep.size();
            List<String> take = free.subList(0, Math.min(Math.max(0, wanted), free.size()));
            return hold(take, leases, until).replaceWith(() -> {
                Set<String> reading = new HashSet<>(held.keySet());
                reading.removeAll(releasing);
                return Set.copyOf(reading);
            });
        });
    }

    /** Writes this process's lease on each shard (a renewal or a take) over the version read. */
    private Uni<Void> hold(List<String> shardIds, Map<String, Optional<Versioned>> leases, long until) {
        return Multi.createFrom().iterable(shardIds)
                .onItem().transformToUniAndConcatenate(id -> write(id, leases.get(id).map(Versioned::etag).orElse(null),
                        new Lease(owner, until, false)))
                .collect().last().replaceWithVoid();
    }

    /** A parent is done once read to its end, or gone from the list (past the stream's retention). */
    private static boolean parentEnded(String parent, Map<String, Optional<Versioned>> leases,
            Map<String, Lease> read) {
        return parent == null || !leases.containsKey(parent) || read.containsKey(parent) && read.get(parent).ended();
    }

    /** Writes a lease over the version {@code etag} (null: none yet); on success this process holds it. */
    private Uni<Void> write(String shardId, String etag, Lease lease) {
        return records.write(shardId, etag, lease).invoke(written -> {
            if (written.isPresent()) {
                held.put(shardId, written.get());
            } else {
                held.remove(shardId);
                releasing.remove(shardId);
                Log.infof("shard %s: its lease was taken by another lake process", shardId);
            }
        }).replaceWithVoid();
    }

    @Override
    public Uni<Void> finished(String shardId, boolean ended) {
        String etag = held.remove(shardId);
        releasing.remove(shardId);
        if (etag == null) {
            return Uni.createFrom().voidItem();
        }
        return records.write(shardId, etag, new Lease(owner, 0, ended)).replaceWithVoid();
    }

    @Override
    public Uni<Void> leave() {
        leaving = true;
        return Multi.createFrom().iterable(Set.copyOf(held.keySet()))
                .onItem().transformToUniAndConcatenate(id -> finished(id, false))
                .collect().last().chain(() -> records.alive(owner, 0));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "lake";
        }
    }
}
