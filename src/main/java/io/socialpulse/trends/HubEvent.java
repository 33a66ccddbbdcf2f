package io.socialpulse.trends;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the hub pushes to every subscriber: a tick with the snapshot of each scope and window
 * (keyed by {@link #key}), the alerts raised and the stats, or a keep-alive ping.
 */
public record HubEvent(long id, Map<String, TrendSnapshot> scopes, List<Alert> alerts, Stats stats,
        Map<String, Object> rendered) {

    public HubEvent(long id, Map<String, TrendSnapshot> scopes, List<Alert> alerts, Stats stats) {
        this(id, scopes, alerts, stats, new ConcurrentHashMap<>());
    }

    public static HubEvent ping() {
        return new HubEvent(0, null, List.of(), null);
    }

    /** Views of one tick kept rendered at most: what a request names cannot grow memory without end. */
    public static final int MAX_RENDERED = 64;

    /**
     * This tick as one view shows it, serialized once however many subscribers share the view: with
     * thousands of streams, serializing per subscriber is what costs. Past {@link #MAX_RENDERED}
     * views a rendering is made for the caller and not kept.
     */
    @SuppressWarnings("unchecked")
    public <T> T rendered(String view, Supplier<T> render) {
        Object kept = rendered.get(view);
        if (kept != null) {
            return (T) kept;
        }
        if (rendered.size() >= MAX_RENDERED) {
            return render.get();
        }
        return (T) rendered.computeIfAbsent(view, v -> render.get());
    }

    /** A newer tick is out: this one's renderings serve nobody live any more and are let go. */
    public void forgetRendered() {
        if (rendered != null) {
            rendered.clear();
        }
    }

    public boolean isPing() {
        return scopes == null;
    }

    public static String key(String scope, String window) {
        return scope + "|" + window;
    }
}
