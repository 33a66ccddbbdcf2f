package io.socialpulse.source.kit;

import java.time.Clock;

import io.socialpulse.stream.publish.DeadLetterSink;

/** What every platform source shares: HTTP, the rate governor, the cursor store, and the dead letters where unreadable pages are kept (quarantined). */
public record PlatformContext(PlatformHttp http, RateGovernor governor, CursorStore cursors,
        DeadLetterSink deadLetters, int recentIds) {

    public Clock clock() {
        return governor.clock();
    }
}
