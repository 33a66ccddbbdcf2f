package io.socialpulse.ops;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.socialpulse.lake.Checkpoint;
import io.socialpulse.lake.DeadLetter;
import io.socialpulse.lake.Manifest;
import io.socialpulse.post.Post;
import io.socialpulse.trends.TrendItem;
import io.socialpulse.trends.TrendSnapshot;

/**
 * Types our own Jackson mapper reads and writes. Quarkus registers what REST endpoints return, but
 * not what goes through {@code PostCodec}; without this the native image could not (de)serialize
 * posts, manifests or checkpoints.
 */
@RegisterForReflection(targets = {Post.class, Post.Author.class, Post.Match.class, Post.Ingest.class,
        Manifest.class, Checkpoint.class, DeadLetter.class, TrendSnapshot.class, TrendItem.class})
public final class NativeReflection {

    private NativeReflection() {
    }
}
