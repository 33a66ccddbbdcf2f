package io.socialpulse.lake;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.LakeConfig;
import io.socialpulse.post.PostCodec;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.publish.DeadLetterSink;

/** Dead letters as JSON objects under {@code <prefix>/dead-letter/<kind>/} in the lake bucket. */
@Singleton
public class S3DeadLetters implements DeadLetterSink {

    private final ObjectStore store;
    private final LakeLayout layout;

    @Inject
    S3DeadLetters(ObjectStore store, LakeConfig config) {
        this(store, config.prefix());
    }

    public S3DeadLetters(ObjectStore store, String prefix) {
        this.store = store;
        this.layout = new LakeLayout(prefix, "");
    }

    @Override
    public Uni<Void> store(String kind, String name, byte[] bytes, String reason) {
        byte[] body;
        try {
            body = PostCodec.mapper().writeValueAsBytes(DeadLetter.of(kind, name, reason, bytes));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return store.create(layout.deadLetterKey(kind, name), body, "application/json", null, Map.of())
                .replaceWithVoid();
    }
}
