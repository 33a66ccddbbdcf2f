package io.socialpulse.source.platform;

import java.time.Clock;

import io.socialpulse.stream.publish.DeadLetterSink;

/** What every platform source shares: HTTP, the rate governor, the cursor store and the quarantine. */
public record PlatformContext(PlatformHttp http, RateGovernor governor, CursorStore cursors,
        DeadLetterSink quarantine, int recentIds) {

    public Clock clock() {
        return governor.clock();
    }
}
