package io.socialpulse.stream;

/**
 * The little of the protobuf wire format the KPL aggregate needs: varints, tags and
 * length-delimited fields, written into an array sized beforehand and read with bounds checks.
 */
final class Protobuf {

    private Protobuf() {
    }

    /** Protobuf fields into an array sized beforehand. */
    static final class Writer {
        final byte[] array;
        int position;

        Writer(byte[] array) {
            this.array = array;
        }

        void tag(int field, int type) {
            array[position++] = (byte) (field << 3 | type);
        }

        void field(int field, byte[] value) {
            tag(field, 2);
            varint(value.length);
            bytes(value);
        }

        void bytes(byte[] value) {
            System.arraycopy(value, 0, array, position, value.length);
            position += value.length;
        }

        void varint(long value) {
            while ((value & ~0x7FL) != 0) {
                array[position++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            array[position++] = (byte) value;
        }
    }

    /** A message between two offsets of an array; a read past its end is an error, not a crash. */
    static final class Reader {
        final byte[] data;
        final int end;
        int position;

        Reader(byte[] data, int start, int end) {
            this.data = data;
            this.position = start;
            this.end = end;
        }

        boolean more() {
            return position < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw new IllegalArgumentException("aggregated record ends inside a number");
                }
                byte b = data[position++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("aggregated record holds an overlong number");
        }

        /**
         * The length of a length-delimited field, checked against what is left: a negative or
         * oversized length (anyone can write one and a valid checksum) is an error, never a jump.
         */
        int length() {
            long length = varint();
            if (length < 0 || length > end - position) {
                throw new IllegalArgumentException("aggregated record has a field of " + length + " bytes where "
                        + (end - position) + " are left");
            }
            return (int) length;
        }

        void skip(int type) {
            int size = switch (type) {
                case 0 -> {
                    varint();
                    yield 0;
                }
                case 1 -> 8;
                case 2 -> length();
                case 5 -> 4;
                default -> throw new IllegalArgumentException("aggregated record with wire type " + type);
            };
            if (size > end - position) {
                throw new IllegalArgumentException("aggregated record ends inside a field");
            }
            position += size;
        }
    }

    static int varintSize(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }
}
