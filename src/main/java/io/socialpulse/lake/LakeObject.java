package io.socialpulse.lake;

import java.time.Instant;
import java.util.Map;

/** A finished gzip JSON Lines object and what its metadata says about it. */
record LakeObject(String key, byte[] body, long records, String firstSequence, String lastSequence, Instant minTime,
        Instant maxTime) {

    Map<String, String> metadata() {
        return Map.of(
                "records", Long.toString(records),
                "first-sequence", firstSequence,
                "last-sequence", lastSequence,
                "min-created-at", minTime.toString(),
                "max-created-at", maxTime.toString());
    }
}
