package io.socialpulse.trends;

import java.util.List;
import java.util.Map;

/**
 * What the hub pushes to every subscriber: a tick with the snapshot of each scope and window
 * (keyed by {@link #key}), the alerts raised and the stats, or a keep-alive ping.
 */
public record HubEvent(long id, Map<String, TrendSnapshot> scopes, List<Alert> alerts, Stats stats,
        Map<String, Object> rendered) {

    public HubEvent(long id, Map<String, TrendSnapshot> scopes, List<Alert> alerts, Stats stats) {
        this(id, scopes, alerts, stats, new java.util.concurrent.ConcurrentHashMap<>());
    }

    public static HubEvent ping() {
        return new HubEvent(0, null, List.of(), null);
    }

    /**
     * This tick as one view shows it, serialized once however many subscribers share the view: with
     * thousands of streams, serializing per subscriber is what costs.
     */
    @SuppressWarnings("unchecked")
    public <T> T rendered(String view, java.util.function.Supplier<T> render) {
        return (T) rendered.computeIfAbsent(view, v -> render.get());
    }

    public boolean isPing() {
        return scopes == null;
    }

    public static String key(String scope, String window) {
        return scope + "|" + window;
    }
}
