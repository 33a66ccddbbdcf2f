package io.socialpulse.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Whatever bytes a producer wrote, the word-at-a-time scan for line breaks agrees with a byte-by-byte one. */
class LakeLineProperties {

    @Property(tries = 2000)
    void findsALineBreakExactlyWhereAByteByByteScanDoes(@ForAll @Size(max = 64) byte[] data) {
        assertEquals(naive(data), LakeLine.breaksLine(data));
    }

    @Property(tries = 1000)
    void findsALineBreakAtAnyPlace(@ForAll @Size(min = 1, max = 40) byte[] data, @ForAll int place,
            @ForAll boolean carriageReturn) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n' || data[i] == '\r') {
                data[i] = 'x';
            }
        }
        assertEquals(false, LakeLine.breaksLine(data));
        data[Math.floorMod(place, data.length)] = (byte) (carriageReturn ? '\r' : '\n');
        assertEquals(true, LakeLine.breaksLine(data));
    }

    private static boolean naive(byte[] data) {
        for (byte b : data) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }
}
