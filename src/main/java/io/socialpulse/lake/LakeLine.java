package io.socialpulse.lake;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import io.socialpulse.post.PostCodec;
import io.socialpulse.stream.read.StreamRecord;

/** One post as one line of JSON: the record's own bytes unless they span lines, then re-encoded. */
final class LakeLine {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = '\n' * ONES;
    private static final long RETURNS = '\r' * ONES;

    private LakeLine() {
    }

    static byte[] of(StreamRecord record) {
        byte[] data = record.data();
        return breaksLine(data) ? PostCodec.encode(record.post()) : data;
    }

    /** Whether the bytes hold a line feed or a carriage return: eight bytes at a step, the scan is a lake hot spot. */
    static boolean breaksLine(byte[] data) {
        int i = 0;
        for (; i + Long.BYTES <= data.length; i += Long.BYTES) {
            long word = (long) LONGS.get(data, i);
            if (hasZeroByte(word ^ NEWLINES) || hasZeroByte(word ^ RETURNS)) {
                return true;
            }
        }
        for (; i < data.length; i++) {
            if (data[i] == '\n' || data[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasZeroByte(long word) {
        return ((word - ONES) & ~word & HIGHS) != 0;
    }
}
