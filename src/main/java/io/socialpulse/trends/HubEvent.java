package io.socialpulse.trends;

import java.util.List;
import java.util.Map;

/**
 * What the hub pushes to every subscriber: a tick with the snapshot of each scope and window
 * (keyed by {@link #key}), the alerts raised and the stats, or a keep-alive ping.
 */
public record HubEvent(long id, Map<String, TrendSnapshot> scopes, List<Alert> alerts, StatsEvent stats) {

    public static HubEvent ping() {
        return new HubEvent(0, null, List.of(), null);
    }

    public boolean isPing() {
        return scopes == null;
    }

    public static String key(String scope, String window) {
        return scope + "|" + window;
    }
}
