package io.socialpulse.lake;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.KinesisConfig;
import io.socialpulse.config.LakeConfig;
import io.socialpulse.config.Role;
import io.socialpulse.config.RolesConfig;
import io.socialpulse.post.PostCodec;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.read.CheckpointSource;
import io.socialpulse.stream.read.ShardListener;
import io.socialpulse.stream.read.StreamRecord;

/** The lake role: one {@link ShardWriter} per shard the reader hands records from. */
@Singleton
public class LakeWriter implements ShardListener, CheckpointSource {

    private final boolean enabled;
    private final LakeLayout layout;
    private final ObjectStore store;
    private final RollPolicy policy;
    private final LakeConfig lake;
    private final ObjectMapper json = PostCodec.mapper();
    private final LakeStats stats = new LakeStats();
    private final Map<String, ShardWriter> writers = new ConcurrentHashMap<>();

    LakeWriter(LakeConfig lake, KinesisConfig kinesis, RolesConfig roles, ObjectStore store) {
        this.enabled = roles.runs(Role.LAKE);
        this.layout = new LakeLayout(lake.prefix(), kinesis.stream().orElse(""));
        this.store = store;
        this.policy = new RollPolicy(lake.rollBytes(), lake.rollAge(), lake.partBytes());
        this.lake = lake;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    public LakeLayout layout() {
        return layout;
    }

    public LakeStats stats() {
        return stats;
    }

    @Override
    public Uni<Optional<String>> startAfter(String shardId) {
        return writer(shardId).restart();
    }

    @Override
    public Uni<Void> onRecords(String shardId, List<StreamRecord> records) {
        return writer(shardId).accept(records);
    }

    @Override
    public Uni<Void> onIdle(String shardId) {
        return writer(shardId).rollIfDue();
    }

    @Override
    public Uni<Void> onShardEnd(String shardId) {
        return writer(shardId).flush("shard-end");
    }

    @Override
    public Uni<Void> onStop(String shardId) {
        return writer(shardId).flush("stop");
    }

    private ShardWriter writer(String shardId) {
        return writers.computeIfAbsent(shardId,
                id -> new ShardWriter(id, layout, store, policy, Clock.systemUTC(), json, stats,
                        new PostIdWindow(lake.dedupHorizon(), lake.dedupMaxIds())));
    }
}
