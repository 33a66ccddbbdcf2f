package io.socialpulse.source.kit;

import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.SourceStatus;

/**
 * One source's cursor: a small JSON document read from the cursor store on first use and saved on
 * commit, so a restart resumes where the last accepted page ended. A source with a look-back also
 * keeps there the ids it collected within it ({@link SeenIds}); those are held apart from what the
 * fetch sees.
 */
final class SourceCursor {

    /** The most ids a cursor keeps: enough for a busy look-back, small enough to save on every commit. */
    static final int SEEN_CAPACITY = 20_000;
    /** How long past the look-back an id is kept: a run that began before the window moved may still read it. */
    static final Duration SEEN_MARGIN = Duration.ofMinutes(5);

    private final PlatformContext context;
    private final String sourceId;
    private ObjectNode cursor;
    private String committed;
    private SeenIds seen = SeenIds.none();

    SourceCursor(PlatformContext context, String sourceId) {
        this.context = context;
        this.sourceId = sourceId;
    }

    /** Reads the stored cursor the first time it is asked for. */
    Uni<Void> loaded(Duration lookback, SourceStatus status) {
        if (cursor != null) {
            return Uni.createFrom().voidItem();
        }
        return context.cursors().load(sourceId).<Void>map(stored -> {
            take(stored.orElse(null), lookback);
            status.cursor(committed);
            Log.infof("source %s: %s", sourceId,
                    stored.isPresent() ? "resuming from cursor " + committed : "no cursor yet");
            return null;
        }).onFailure().transform(f -> PlatformException.of(PlatformException.Kind.TRANSIENT,
                "cannot read the cursor from " + context.cursors().describe() + ": " + f.getMessage()));
    }

    /** A copy of the cursor for the fetch to change, without the seen ids. */
    ObjectNode copy() {
        return cursor.deepCopy();
    }

    /** Whether {@code id} was collected within the look-back. */
    boolean seen(String id) {
        return seen.contains(id);
    }

    /** The cursor after a page: the fetch's, with the ids of the page added to those seen. */
    String next(ObjectNode fetched, Set<String> inPage, Duration lookback) {
        if (lookback.isZero()) {
            return fetched.toString();
        }
        return seen.with(inPage, context.clock().instant(), lookback.plus(SEEN_MARGIN),
                Math.min(SEEN_CAPACITY, context.recentIds())).into(fetched.deepCopy()).toString();
    }

    /** The cursor last committed, or empty before the first. */
    String committed() {
        return committed == null ? "" : committed;
    }

    /** Saves {@code next} unless it is the one committed already; then it is what the next fetch starts from. */
    Uni<Boolean> save(String next, Duration lookback, SourceStatus status) {
        if (next.isEmpty() || next.equals(committed)) {
            return Uni.createFrom().item(false);
        }
        return context.cursors().save(sourceId, next).map(saved -> {
            take(next, lookback);
            status.cursor(committed);
            return true;
        });
    }

    private void take(String stored, Duration lookback) {
        committed = stored;
        cursor = stored == null ? Json.object() : read(stored);
        if (!lookback.isZero()) {
            seen = SeenIds.of(cursor);
            cursor.remove(SeenIds.FIELD);
        }
    }

    private ObjectNode read(String text) {
        try {
            return (ObjectNode) PostCodec.mapper().readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("stored cursor of " + sourceId + " is not a JSON object", e);
        }
    }
}
