package io.socialpulse.trends;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spike alerts: a watched term, or a trending tag, whose z reaches the threshold raises one alert,
 * then stays quiet for the cool-down so a long spike is not announced every tick.
 */
final class Alerts {

    private static final int MEMORY = 1000;

    private final double threshold;
    private final Duration cooldown;
    private final Map<String, Instant> lastAlert = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MEMORY;
        }
    };

    Alerts(double threshold, Duration cooldown) {
        this.threshold = threshold;
        this.cooldown = cooldown;
    }

    synchronized List<Alert> check(TrendScorer.Result trends, List<String> watchlist, Instant now) {
        List<Alert> raised = new ArrayList<>();
        for (Rising r : trends.rising()) {
            boolean watched = watchlist.contains(r.tag());
            if (r.z() < threshold || !(watched || r.trendingSince() != null)) {
                continue;
            }
            Instant last = lastAlert.get(r.tag());
            if (last == null || !now.isBefore(last.plus(cooldown))) {
                lastAlert.put(r.tag(), now);
                raised.add(new Alert(now, r.tag(), "spike", r.count(), r.baseline(), r.z(), watched));
            }
        }
        return raised;
    }
}
