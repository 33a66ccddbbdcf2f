package io.socialpulse.lake;

import java.time.Instant;
import java.util.List;

/**
 * The intent of a roll, written before its objects: which sequence range it covers and which
 * objects hold it. After a crash, a manifest past the checkpoint tells the writer to cut the same
 * roll again at {@code lastSequence}, so the re-written objects are the same objects.
 */
public record Manifest(String stream, String shardId, String firstSequence, String lastSequence, long records,
        List<String> objects, Instant createdAt) {
}
