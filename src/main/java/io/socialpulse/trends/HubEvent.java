package io.socialpulse.trends;

import java.util.Map;

/** What the hub pushes to every subscriber: a tick with the snapshot of each scope, or a keep-alive ping. */
public record HubEvent(long id, Map<String, TrendSnapshot> scopes) {

    public static HubEvent ping() {
        return new HubEvent(0, null);
    }

    public boolean isPing() {
        return scopes == null;
    }
}
