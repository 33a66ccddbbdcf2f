package io.socialpulse.source.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.socialpulse.config.ReplayConfig;
import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.post.PostFormatException;
import io.socialpulse.source.Page;
import io.socialpulse.source.Source;
import io.socialpulse.source.kit.PlatformException;

/**
 * Posts from NDJSON files, in file order, at a set rate or as fast as Kinesis takes them: the
 * schema the lake writes, or archives from other tools (twarc2, Jetstream captures, Mastodon
 * statuses) mapped by the same code as the live connectors, so an archived post and a polled one
 * are the same post. A line that is not a post is logged with its file and
 * line number and counted, and the replay goes on. The cursor is {@code file:line}.
 */
public final class ReplaySource implements Source {

    private static final Post.Match MATCH = new Post.Match("replay", List.of());

    private final ReplayConfig config;
    private final List<Path> files;
    private int file;
    private long line;
    /** The longest line read: a post, or a platform's answer in an archive, is far smaller. */
    static final int MAX_LINE_BYTES = 4 << 20;

    private Lines reader;
    private Page unconfirmed;
    private long rejected;
    private boolean finished;

    public ReplaySource(ReplayConfig config) {
        this.config = config;
        this.files = config.files().orElse(List.of());
        for (Path path : files) {
            if (!Files.isReadable(path)) {
                throw new IllegalArgumentException("SOURCES_REPLAY_FILES names a file that cannot be read: " + path);
            }
        }
    }

    @Override
    public String id() {
        return "replay";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Uni<Page> poll() {
        return Uni.createFrom().item(this::next).runSubscriptionOn(Infrastructure
                .getDefaultWorkerPool());
    }

    /** Lines that were not posts. */
    public synchronized long rejected() {
        return rejected;
    }

    private synchronized Page next() {
        if (unconfirmed != null) {
            return unconfirmed; // the last page was not accepted: offer the same posts again
        }
        int size = config.rate() > 0 ? config.rate() : config.pageSize();
        List<Post> posts = new ArrayList<>(size);
        try {
            while (posts.size() < size && file < files.size()) {
                if (reader == null) {
                    reader = new Lines(Files.newInputStream(files.get(file)), MAX_LINE_BYTES);
                }
                Lines.Line text = reader.next();
                if (text == null) {
                    reader.close();
                    reader = null;
                    file++;
                    line = 0;
                    continue;
                }
                line++;
                if (text.problem() != null) {
                    reject(text.problem());
                } else if (!text.text().isBlank()) {
                    read(text.text(), posts);
                }
            }
        } catch (IOException e) {
            if (posts.isEmpty()) {
                throw new UncheckedIOException("cannot read " + files.get(file), e);
            }
            // Hand over what was read; the next poll meets the fault again, after these posts.
            Log.warnf("source replay: reading %s failed after line %d (%s); the posts before it go on", files.get(file),
                    line, e.getMessage());
        }
        boolean more = file < files.size();
        if (!more && !finished) {
            finished = true;
            Log.infof("source replay: read every file (%d files), %d lines were not posts", files.size(), rejected);
        }
        unconfirmed = new Page(posts, cursor(), more && config.rate() == 0);
        return unconfirmed;
    }

    private void read(String text, List<Post> posts) {
        try {
            if ("posts".equals(config.format())) {
                posts.add(PostCodec.decode(text.getBytes(StandardCharsets.UTF_8)));
            } else {
                posts.addAll(Archives.posts(config.format(), PostCodec.mapper().readTree(text), MATCH, Instant.now()));
            }
        } catch (PostFormatException | PlatformException
                | JsonProcessingException e) {
            reject(e.getMessage());
        } catch (RuntimeException e) {
            // Whatever a line makes a mapper do, it costs that line and no more.
            reject(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void reject(String why) {
        rejected++;
        Log.warnf("source replay: %s line %d is not a %s record and was skipped: %s", files.get(file), line,
                config.format(), why);
    }

    private String cursor() {
        return file < files.size() ? files.get(file).getFileName() + ":" + line : "end";
    }

    @Override
    public synchronized Uni<Void> commit(Page page) {
        if (page == unconfirmed) {
            unconfirmed = null;
        }
        return Uni.createFrom().voidItem();
    }
}
