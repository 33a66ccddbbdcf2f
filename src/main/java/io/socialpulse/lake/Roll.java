package io.socialpulse.lake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.socialpulse.stream.StreamRecord;

/**
 * The open roll of one shard: a contiguous run of sequence numbers, gzipped as it arrives into one
 * buffer per partition it touches. Holds compressed bytes only, and is closed by the roll policy
 * long before it grows past its cap.
 */
final class Roll {

    private final LakeLayout layout;
    private final String shardId;
    private final Instant openedAt;
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private String firstSequence;
    private String lastSequence;
    private long records;

    Roll(LakeLayout layout, String shardId, Instant openedAt) {
        this.layout = layout;
        this.shardId = shardId;
        this.openedAt = openedAt;
    }

    /** Takes a record's sequence number into the roll; only posts are written into an object. */
    void add(StreamRecord record) {
        pass(record);
        if (record.isPoison()) {
            return;
        }
        String partition = layout.partition(record.post().platform(), record.post().createdAt());
        parts.computeIfAbsent(partition, p -> new Part()).add(record);
        records++;
    }

    /** Takes a record's sequence number into the roll without writing it (poison, or a duplicate). */
    void pass(StreamRecord record) {
        if (firstSequence == null) {
            firstSequence = record.sequenceNumber();
        }
        lastSequence = record.sequenceNumber();
    }

    boolean isEmpty() {
        return firstSequence == null;
    }

    String firstSequence() {
        return firstSequence;
    }

    String lastSequence() {
        return lastSequence;
    }

    long records() {
        return records;
    }

    Instant openedAt() {
        return openedAt;
    }

    /** What the objects would weigh now; zlib holds back up to one block, so this lags a little behind. */
    long compressedBytes() {
        return parts.values().stream().mapToLong(p -> p.out.size()).sum();
    }

    List<String> keys() {
        return parts.keySet().stream().map(p -> layout.objectKey(p, shardId, firstSequence)).toList();
    }

    /** Closes every partition's gzip stream and returns the objects to write. */
    List<LakeObject> finish() {
        List<LakeObject> objects = new ArrayList<>(parts.size());
        for (Map.Entry<String, Part> entry : parts.entrySet()) {
            Part part = entry.getValue();
            objects.add(new LakeObject(layout.objectKey(entry.getKey(), shardId, firstSequence), part.finish(),
                    part.records, part.first, part.last, part.minTime, part.maxTime));
        }
        return objects;
    }

    private static final class Part {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        private final GZIPOutputStream gzip;
        private long records;
        private String first;
        private String last;
        private Instant minTime;
        private Instant maxTime;

        Part() {
            try {
                gzip = new GZIPOutputStream(out, 8192);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void add(StreamRecord record) {
            byte[] line = LakeLine.of(record);
            try {
                gzip.write(line);
                gzip.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            records++;
            if (first == null) {
                first = record.sequenceNumber();
            }
            last = record.sequenceNumber();
            Instant t = record.post().createdAt();
            minTime = minTime == null || t.isBefore(minTime) ? t : minTime;
            maxTime = maxTime == null || t.isAfter(maxTime) ? t : maxTime;
        }

        byte[] finish() {
            try {
                gzip.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
