package io.socialpulse.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.read.StreamRecord;

/** What a shard writer puts in the bucket besides manifests and checkpoints: its rolls' objects and its dead letters. */
final class RollObjects {

    private final String shardId;
    private final LakeLayout layout;
    private final ObjectStore store;
    private final ObjectMapper json;
    private final LakeStats stats;

    RollObjects(String shardId, LakeLayout layout, ObjectStore store, ObjectMapper json, LakeStats stats) {
        this.shardId = shardId;
        this.layout = layout;
        this.store = store;
        this.json = json;
        this.stats = stats;
    }

    /** Writes one object of a roll: created whole, or its upload completed with the last part; one written already stays. */
    Uni<Void> create(LakeObject object) {
        Uni<Boolean> write = object.existing()
                ? Uni.createFrom().item(false)
                : object.upload() == null
                        ? store.create(object.key(), object.body(), LakeObject.CONTENT_TYPE, "gzip", object.metadata())
                        : store.uploadPart(object.upload(), object.etags().size() + 1, object.body())
                                .chain(etag -> {
                                    List<String> etags = new ArrayList<>(object.etags());
                                    etags.add(etag);
                                    return store.complete(object.upload(), etags);
                                });
        return write
                .invoke(created -> {
                    if (!created) {
                        Log.infof("stream %s shard %s: %s was already written", layout.stream(), shardId, object.key());
                    }
                }).replaceWithVoid();
    }

    /** Keeps a record that is not a post as a dead letter, counted. */
    Uni<Void> deadLetter(StreamRecord record) {
        stats.poison();
        Log.warnf("stream %s shard %s: record %s is not a post (%s); stored as a dead letter", layout.stream(), shardId,
                record.sequenceNumber(), record.error());
        String name = layout.stream() + "/" + shardId + "/" + record.sequenceNumber()
                + (record.subSequence() > 0 || !record.last() ? "-" + record.subSequence() : "");
        byte[] body;
        try {
            body = json.writeValueAsBytes(DeadLetter.of("record", name, record.error(), record.data()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return store.create(layout.deadLetterKey("records", name), body, "application/json", null, Map.of())
                .replaceWithVoid();
    }
}
