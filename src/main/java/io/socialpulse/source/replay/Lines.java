package io.socialpulse.source.replay;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of an NDJSON file, each at most {@code maxBytes} long and checked to be UTF-8. A line
 * that is too long is skipped to its end without being held, and one that is not UTF-8 is handed
 * back as such, so a bad line costs one line, never the file or the heap.
 */
final class Lines implements Closeable {

    /** One line: its text, or why it has none. */
    record Line(String text, String problem) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    Lines(InputStream in, int maxBytes) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        current.reset();
        boolean tooLong = false;
        long length = 0;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            length++;
            if (length > maxBytes) {
                tooLong = true; // read on to the end of the line, keeping nothing
            } else {
                current.write(b);
            }
        }
        if (b == -1 && length == 0) {
            return null;
        }
        if (tooLong) {
            return new Line(null, "line of " + length + " bytes is over the limit of " + maxBytes);
        }
        try {
            return new Line(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(current.toByteArray())).toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(null, "line is not UTF-8");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
