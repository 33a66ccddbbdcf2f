package io.socialpulse.source.kit;

import java.util.LinkedHashMap;
import java.util.Map;

/** The most recent post ids a source has committed, oldest forgotten first; bounded. */
public final class RecentIds {

    private final Map<String, Boolean> ids;

    public RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }

    public synchronized void add(String id) {
        ids.put(id, Boolean.TRUE);
    }
}
