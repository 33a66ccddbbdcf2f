package io.socialpulse.lake;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.socialpulse.store.ObjectStore;

/**
 * A finished gzip JSON Lines object and what its metadata says about it. A large one was begun as
 * a multipart upload while the roll was open: {@code upload} and the ETags of its parts so far,
 * with {@code body} the last part still to send. {@code existing}: a replay found it written.
 */
record LakeObject(String key, byte[] body, long records, String firstSequence, String lastSequence, Instant minTime,
        Instant maxTime, ObjectStore.Upload upload, List<String> etags, long bytes, boolean existing) {

    static final String CONTENT_TYPE = "application/x-ndjson";

    LakeObject(String key, byte[] body, long records, String firstSequence, String lastSequence, Instant minTime,
            Instant maxTime) {
        this(key, body, records, firstSequence, lastSequence, minTime, maxTime, null, List.of(), body.length, false);
    }

    Map<String, String> metadata() {
        return Map.of(
                "records", Long.toString(records),
                "first-sequence", firstSequence,
                "last-sequence", lastSequence,
                "min-created-at", minTime.toString(),
                "max-created-at", maxTime.toString());
    }
}
