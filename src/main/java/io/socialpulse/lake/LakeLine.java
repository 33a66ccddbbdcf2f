package io.socialpulse.lake;

import io.socialpulse.post.PostCodec;
import io.socialpulse.stream.read.StreamRecord;

/** One post as one line of JSON: the record's own bytes unless they span lines, then re-encoded. */
final class LakeLine {

    private LakeLine() {
    }

    static byte[] of(StreamRecord record) {
        byte[] data = record.data();
        for (byte b : data) {
            if (b == '\n' || b == '\r') {
                return PostCodec.encode(record.post());
            }
        }
        return data;
    }
}
