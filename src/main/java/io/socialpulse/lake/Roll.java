package io.socialpulse.lake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

import io.smallrye.mutiny.Uni;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.read.StreamRecord;

/**
 * The open roll of one shard: a contiguous run of sequence numbers, gzipped as it arrives into one
 * buffer per partition it touches. Holds compressed bytes only: once a partition's buffer reaches
 * the part size it is sent as the next part of a multipart upload of that object, so memory stays
 * at about a part per partition however large the object grows.
 */
final class Roll {

    private record PlatformHour(String platform, long hour) {
    }

    private final LakeLayout layout;
    private final String shardId;
    private final Instant openedAt;
    private final long partBytes;
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final Map<PlatformHour, Part> byHour = new HashMap<>();
    private String firstSequence;
    private String lastSequence;
    private long records;

    Roll(LakeLayout layout, String shardId, Instant openedAt, long partBytes) {
        this.layout = layout;
        this.shardId = shardId;
        this.openedAt = openedAt;
        this.partBytes = partBytes;
    }

    /** Takes a record's sequence number into the roll; only posts are written into an object. */
    void add(StreamRecord record) {
        pass(record);
        if (record.isPoison()) {
            return;
        }
        String platform = record.post().platform();
        long hour = Math.floorDiv(record.post().createdAt().getEpochSecond(), 3600);
        // The partition's name takes a date formatter: made once per platform and hour, not per post.
        Part part = byHour.computeIfAbsent(new PlatformHour(platform, hour), h -> parts.computeIfAbsent(
                layout.partition(platform, record.post().createdAt()), p -> new Part()));
        part.add(record);
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
        long bytes = 0;
        for (Part p : parts.values()) {
            bytes += p.sent + p.out.size();
        }
        return bytes;
    }

    /** Compressed bytes held in memory, not yet sent as parts. */
    long heldBytes() {
        return parts.values().stream().mapToLong(p -> p.out.size()).sum();
    }

    /** True when some partition's buffer is due to go out as a part. */
    boolean hasFullPart() {
        for (Part p : parts.values()) {
            if (p.out.size() >= partBytes) {
                return true;
            }
        }
        return false;
    }

    /** True once a part of this roll has gone out (or been found written already). */
    boolean sending() {
        return parts.values().stream().anyMatch(p -> p.upload != null || p.existing);
    }

    /**
     * Sends every partition buffer that reached the part size as the next part of its object's
     * multipart upload, starting the upload with the first part. One part at a time: the reader
     * waits, so memory does not grow while S3 is slow. With {@code replay}, an object that already
     * exists (written before a crash) is not uploaded again: its bytes are dropped as they come.
     */
    Uni<Void> sendFullParts(ObjectStore store, boolean replay) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, Part> entry : parts.entrySet()) {
            Part part = entry.getValue();
            if (part.out.size() < partBytes) {
                continue;
            }
            String key = layout.objectKey(entry.getKey(), shardId, firstSequence);
            byte[] bytes = part.take();
            chain = chain.chain(() -> upload(store, part, key, replay))
                    .chain(upload -> upload == null
                            ? Uni.createFrom().voidItem()
                            : store.uploadPart(upload, part.etags.size() + 1, bytes).invoke(part.etags::add)
                                    .replaceWithVoid());
        }
        return chain;
    }

    /** The part's upload, started on its first part; null when the object exists already. */
    private Uni<ObjectStore.Upload> upload(ObjectStore store, Part part, String key, boolean replay) {
        if (part.existing || part.upload != null) {
            return Uni.createFrom().item(part.upload);
        }
        return (replay ? store.exists(key) : Uni.createFrom().item(false)).chain(exists -> {
            if (exists) {
                part.existing = true;
                return Uni.createFrom().nullItem();
            }
            return store.startUpload(key, LakeObject.CONTENT_TYPE, "gzip",
                    Map.of("shard", shardId, "first-sequence", firstSequence)).invoke(upload -> part.upload = upload);
        });
    }

    /** The multipart uploads this roll has begun, to abort when the roll is dropped. */
    List<ObjectStore.Upload> uploads() {
        return parts.values().stream().map(p -> p.upload).filter(Objects::nonNull).toList();
    }

    List<String> keys() {
        return parts.keySet().stream().map(p -> layout.objectKey(p, shardId, firstSequence)).toList();
    }

    /** Closes every partition's gzip stream and returns the objects to write. */
    List<LakeObject> finish() {
        List<LakeObject> objects = new ArrayList<>(parts.size());
        for (Map.Entry<String, Part> entry : parts.entrySet()) {
            Part part = entry.getValue();
            byte[] rest = part.finish();
            objects.add(new LakeObject(layout.objectKey(entry.getKey(), shardId, firstSequence), rest,
                    part.records, part.first, part.last, part.minTime, part.maxTime, part.upload,
                    List.copyOf(part.etags), part.sent + rest.length, part.existing));
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
        private long sent;
        private ObjectStore.Upload upload;
        private boolean existing;
        private final List<String> etags = new ArrayList<>();

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

        /** Takes the buffered bytes out as the next part; the gzip stream goes on into the emptied buffer. */
        byte[] take() {
            byte[] bytes = out.toByteArray();
            out.reset();
            sent += bytes.length;
            return bytes;
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
