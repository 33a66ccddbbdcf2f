package io.socialpulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.socialpulse.trends.HubEvent;
import io.socialpulse.trends.Influencers;
import io.socialpulse.trends.SentimentView;
import io.socialpulse.trends.StatsEvent;
import io.socialpulse.trends.TrendSnapshot;

/** What a tick keeps rendered is bounded, whatever views the requests name. */
class TrendFramesTest {

    private static HubEvent tick(long id) {
        TrendSnapshot all = new TrendSnapshot(1, Instant.EPOCH, "all", 60, 0, 0, Map.of(),
                new SentimentView(0, 0, 0, 0, 0, 0), List.of(), List.of(), List.of(), List.of(), List.of(),
                Influencers.NONE);
        Map<String, TrendSnapshot> scopes = new HashMap<>();
        for (String window : List.of("1m", "5m", "15m", "1h")) {
            scopes.put(HubEvent.key("all", window), all); // a tick holds every window of the "all" scope
        }
        return new HubEvent(id, scopes, List.of(), new StatsEvent(Instant.EPOCH, 0, Map.of(), 0, 1, 0));
    }

    @Test
    void viewersOfOneViewShareOneFrame() {
        HubEvent tick = tick(1);
        LiveTicks live = new LiveTicks(10);
        live.keep(tick);
        assertSame(new TrendFrames.View("all", "1m", 20).frame(tick, live),
                new TrendFrames.View("all", "1m", 20).frame(tick, live));
        assertEquals(1, live.frames());
    }

    /** A loop that gets to a tick after a newer one was kept skips it rather than render it per stream. */
    @Test
    void aTickIsSupersededOnceANewerOneIsKept() {
        LiveTicks live = new LiveTicks(10);
        HubEvent first = tick(1);
        live.keep(first);
        assertFalse(live.superseded(first));
        HubEvent second = tick(2);
        live.keep(second);
        assertTrue(live.superseded(first));
        assertFalse(live.superseded(second));
        assertFalse(live.superseded(HubEvent.ping()), "pings are never kept, so never superseded");
    }

    @Test
    void unknownPlatformNamesAndReplaysAreRenderedWithoutBeingKept() {
        HubEvent tick = tick(1);
        LiveTicks live = new LiveTicks(10);
        live.keep(tick);
        for (int i = 0; i < 500; i++) {
            new TrendFrames.View("made-up-" + i, "1m", 20).frame(tick, live);
            new TrendFrames.View("made-up-" + i, "1m", 20).snapshotFrame(tick, live);
            new TrendFrames.View("all", "1m", 20).replayed(tick);
        }
        assertEquals(0, live.frames());
        String text = new String(new TrendFrames.View("made-up-7", "1m", 20).replayed(tick).getBytes());
        assertTrue(text.contains("\"scope\":\"made-up-7\""), text);
    }

    @Test
    void aTickKeepsAtMostABoundedNumberOfViews() {
        HubEvent tick = tick(1);
        LiveTicks live = new LiveTicks(10);
        live.keep(tick);
        for (String platform : List.of("all", "x", "mastodon", "bluesky", "reddit", "youtube")) {
            for (String window : List.of("1m", "5m", "15m", "1h")) {
                for (int limit = 1; limit <= 20; limit++) {
                    new TrendFrames.View(platform, window, limit).frame(tick, live);
                }
            }
        }
        assertEquals(LiveTicks.MAX_FRAMES, live.frames());
        HubEvent next = tick(2);
        live.keep(next);
        assertEquals(0, live.frames(), "a newer tick lets the frames of the one before go");
        new TrendFrames.View("all", "1m", 20).frame(tick, live);
        assertEquals(0, live.frames(), "an older tick, sent to a reconnect, is framed and not kept");
        new TrendFrames.View("all", "1m", 20).frame(next, live);
        assertEquals(1, live.frames());
    }
}
