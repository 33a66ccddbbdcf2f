package io.socialpulse.stream.publish;

/**
 * Size limits of PutRecords on a stream. A stream's {@code MaxRecordSizeInKiB} (1,024 to 10,240)
 * sets the record limit; a stream that allows records over 1 MiB takes requests of 10 MiB, others
 * 5 MiB. Each record counts its data plus its partition key.
 */
record Limits(int recordBytes, int requestBytes) {

    static final int MIB = 1024 * 1024;
    static final Limits DEFAULT = new Limits(MIB, 5 * MIB);

    static Limits of(Integer maxRecordSizeInKiB) {
        if (maxRecordSizeInKiB == null || maxRecordSizeInKiB <= 1024) {
            return DEFAULT;
        }
        int record = Math.min(10 * MIB, maxRecordSizeInKiB * 1024);
        return new Limits(record, 10 * MIB);
    }
}
