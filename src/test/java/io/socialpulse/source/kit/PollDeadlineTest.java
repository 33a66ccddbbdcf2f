package io.socialpulse.source.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.socialpulse.source.Page;
import io.socialpulse.source.SourceStatus;
import io.socialpulse.source.SourceStatus.State;

/** A poll that never ends (a connector waiting on something that never answers) cannot hold its source. */
class PollDeadlineTest {

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    /** Hangs on its first fetch, answers an empty page after that. */
    private static final class Hanging extends PlatformSource {
        final AtomicInteger fetches = new AtomicInteger();

        Hanging(PlatformContext context) {
            super(context, "mastodon", "hang", "hang.example", Duration.ofSeconds(1),
                    context.governor().bucket("hang", null, "hang.example"));
        }

        @Override
        protected Uni<Fetched> fetch(ObjectNode cursor) {
            return fetches.incrementAndGet() == 1
                    ? Uni.createFrom().nothing()
                    : Uni.createFrom().item(new Fetched(List.of(), cursor, false));
        }
    }

    @Test
    void aPollThatNeverAnswersEndsAfterFourTimeoutsAndTheNextOneRuns() {
        Hanging source = new Hanging(kit.context(Duration.ofMillis(250)));
        SourceStatus status = PlatformKit.watch(source);
        long start = System.nanoTime();
        Page page = source.poll().await().atMost(Duration.ofSeconds(10));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(List.of(), page.posts());
        assertEquals(State.FAILING, status.state());
        assertTrue(status.lastError().contains("no page within"), status.lastError());
        assertTrue(millis >= 900 && millis < 8000, "ended after " + millis + " ms");

        kit.clock.advance(Duration.ofMinutes(10)); // past the backoff
        source.poll().await().atMost(Duration.ofSeconds(10));
        assertEquals(2, source.fetches.get());
        assertEquals(State.RUNNING, status.state());
    }
}
