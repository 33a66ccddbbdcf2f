package io.socialpulse.source.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.DemoConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.Page;
import io.socialpulse.source.Source;

/**
 * Synthetic posts at a steady rate, for trying the service without any credentials. Each poll
 * emits the posts due since the last committed one; the cursor is the number of posts committed.
 */
public final class DemoSource implements Source {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int MAX_PAGE = 5000;

    private final DemoConfig config;
    private final DemoGenerator generator;
    private final Clock clock;
    private final Instant started;
    private long committed;

    public DemoSource(DemoConfig config) {
        this(config, Clock.systemUTC());
    }

    DemoSource(DemoConfig config, Clock clock) {
        this.config = config;
        this.generator = new DemoGenerator(config.seed());
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public String id() {
        return "demo";
    }

    @Override
    public Duration interval() {
        return INTERVAL;
    }

    @Override
    public Uni<Page> poll() {
        return Uni.createFrom().item(this::next);
    }

    private synchronized Page next() {
        Instant now = clock.instant();
        Duration since = Duration.between(started, now);
        long due = since.toMillis() * config.rate() / 1000;
        long count = Math.min(MAX_PAGE, Math.max(0, due - committed));
        long burst = DemoGenerator.burstAt(since, config.firstBurst(), config.burstEvery(), config.burstLength());
        String burstTag = burst < 0 ? null : generator.burstTag(burst);
        List<Post> posts = new ArrayList<>((int) count);
        for (long n = committed; n < committed + count; n++) {
            posts.add(generator.post(n, now, burstTag));
        }
        return new Page(posts, Long.toString(committed + count), false);
    }

    @Override
    public synchronized Uni<Void> commit(Page page) {
        committed = Long.parseLong(page.cursor());
        return Uni.createFrom().voidItem();
    }
}
