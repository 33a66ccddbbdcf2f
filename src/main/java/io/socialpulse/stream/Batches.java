package io.socialpulse.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits a run of records into PutRecords requests that respect the API's limits: at most 500
 * records and 5 MiB per request, where each record counts its data plus its partition key.
 */
public final class Batches {

    public static final int MAX_RECORDS = 500;
    public static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    private Batches() {
    }

    public static <T> List<List<T>> split(List<T> items, ToIntFunction<T> size, int maxRecords, long maxBytes) {
        List<List<T>> batches = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long bytes = 0;
        for (T item : items) {
            int itemBytes = size.applyAsInt(item);
            if (!current.isEmpty() && (current.size() == maxRecords || bytes + itemBytes > maxBytes)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(item);
            bytes += itemBytes;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
