package io.socialpulse.ops;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.socialpulse.lake.Checkpoint;
import io.socialpulse.lake.DeadLetter;
import io.socialpulse.lake.Manifest;
import io.socialpulse.post.Post;
import io.socialpulse.trends.Alert;
import io.socialpulse.trends.Rising;
import io.socialpulse.trends.SentimentView;
import io.socialpulse.trends.StatsEvent;
import io.socialpulse.trends.TrendItem;
import io.socialpulse.trends.TrendSnapshot;
import io.socialpulse.trends.Watched;

/**
 * Types our own Jackson mapper reads and writes. Quarkus registers what REST endpoints return, but
 * not what goes through {@code PostCodec}; without this the native image could not (de)serialize
 * posts, manifests or checkpoints, nor write the trend stream's events.
 */
@RegisterForReflection(targets = {Post.class, Post.Author.class, Post.Match.class, Post.Ingest.class,
        Manifest.class, Checkpoint.class, DeadLetter.class, TrendSnapshot.class, TrendItem.class, SentimentView.class,
        Watched.class, Rising.class, Alert.class, StatsEvent.class})
public final class NativeReflection {

    private NativeReflection() {
    }
}
