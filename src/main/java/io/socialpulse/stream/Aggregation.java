package io.socialpulse.stream;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KPL aggregated-record format, which the KCL, Lambda, Firehose and the kinesis-aggregation
 * deaggregators read: magic bytes {@code F3 89 9A C2}, a protobuf {@code AggregatedRecord}
 * (partition key table = field 1, records = field 3, each with its key index = field 1 and data =
 * field 3), and the MD5 of the protobuf bytes. Written and read by hand: the format is three
 * fields deep and not worth a protobuf runtime.
 */
public final class Aggregation {

    public static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int DIGEST = 16;

    /** One user record inside an aggregate. */
    public record Entry(String partitionKey, byte[] data) {
    }

    private Aggregation() {
    }

    public static byte[] encode(List<Entry> entries) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        List<byte[]> keyBytes = new ArrayList<>();
        int size = 0;
        for (Entry entry : entries) {
            if (keys.putIfAbsent(entry.partitionKey(), keys.size()) == null) {
                byte[] key = entry.partitionKey().getBytes(StandardCharsets.UTF_8);
                keyBytes.add(key);
                size += 1 + Protobuf.varintSize(key.length) + key.length;
            }
        }
        int[] indexes = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            indexes[i] = keys.get(entries.get(i).partitionKey());
            int record = recordSize(indexes[i], entries.get(i).data().length);
            size += 1 + Protobuf.varintSize(record) + record;
        }
        // One array, written once: magic, protobuf, then the digest of the protobuf bytes.
        Protobuf.Writer out = new Protobuf.Writer(new byte[MAGIC.length + size + DIGEST]);
        out.bytes(MAGIC);
        for (byte[] key : keyBytes) {
            out.field(1, key);
        }
        for (int i = 0; i < entries.size(); i++) {
            byte[] data = entries.get(i).data();
            out.tag(3, 2);
            out.varint(recordSize(indexes[i], data.length));
            out.tag(1, 0); // partition_key_index
            out.varint(indexes[i]);
            out.field(3, data);
        }
        MessageDigest md5 = md5();
        md5.update(out.array, MAGIC.length, size);
        try {
            md5.digest(out.array, MAGIC.length + size, DIGEST);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        return out.array;
    }

    private static int recordSize(int keyIndex, int dataBytes) {
        return 1 + Protobuf.varintSize(keyIndex) + 1 + Protobuf.varintSize(dataBytes) + dataBytes;
    }

    /** What one more entry adds to an aggregate's size, at most (its key may already be in the table). */
    public static int sizeOf(String partitionKey, int dataBytes) {
        int key = partitionKey.getBytes(StandardCharsets.UTF_8).length;
        int record = 1 + 5 + 1 + Protobuf.varintSize(dataBytes) + dataBytes;
        return 1 + Protobuf.varintSize(key) + key + 1 + Protobuf.varintSize(record) + record;
    }

    public static int overhead() {
        return MAGIC.length + DIGEST;
    }

    /** Whether the bytes are an intact aggregate (magic and checksum); anything else is a plain record. */
    public static boolean isAggregated(byte[] data) {
        if (data.length < MAGIC.length + DIGEST || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return false;
        }
        byte[] digest = md5(Arrays.copyOfRange(data, MAGIC.length, data.length - DIGEST));
        return Arrays.equals(digest, 0, DIGEST, data, data.length - DIGEST, data.length);
    }

    /**
     * The user records of an intact aggregate, in order. Any producer on the stream can write an
     * aggregate, so every length is checked: malformed bytes throw {@link IllegalArgumentException}.
     */
    public static List<Entry> decode(byte[] data) {
        Protobuf.Reader in = new Protobuf.Reader(data, MAGIC.length, data.length - DIGEST);
        List<String> keys = new ArrayList<>();
        List<long[]> records = new ArrayList<>(); // {key index, data offset, data length}
        while (in.more()) {
            long tag = in.varint();
            int field = (int) (tag >>> 3);
            int type = (int) (tag & 7);
            if (type != 2) {
                in.skip(type);
                continue;
            }
            int length = in.length();
            int start = in.position;
            if (field == 1) {
                keys.add(new String(data, start, length, StandardCharsets.UTF_8));
            } else if (field == 3) {
                records.add(record(new Protobuf.Reader(data, start, start + length)));
            }
            in.position = start + length;
        }
        List<Entry> entries = new ArrayList<>(records.size());
        for (long[] r : records) {
            if (r[0] >= keys.size()) {
                throw new IllegalArgumentException("aggregated record refers to partition key " + r[0]
                        + " of " + keys.size());
            }
            entries.add(new Entry(keys.get((int) r[0]),
                    Arrays.copyOfRange(data, (int) r[1], (int) (r[1] + r[2]))));
        }
        return entries;
    }

    private static long[] record(Protobuf.Reader in) {
        long[] out = {-1, 0, 0};
        while (in.more()) {
            long tag = in.varint();
            int field = (int) (tag >>> 3);
            int type = (int) (tag & 7);
            if (field == 1 && type == 0) {
                out[0] = in.varint();
            } else if (field == 3 && type == 2) {
                out[2] = in.length();
                out[1] = in.position;
                in.position += (int) out[2];
            } else {
                in.skip(type);
            }
        }
        if (out[0] < 0) {
            throw new IllegalArgumentException("aggregated record without a partition key index");
        }
        return out;
    }

    private static byte[] md5(byte[] bytes) {
        return md5().digest(bytes);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
