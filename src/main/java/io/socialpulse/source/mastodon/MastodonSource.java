package io.socialpulse.source.mastodon;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.MastodonConfig;
import io.socialpulse.post.Post;
import io.socialpulse.source.Page;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;
import io.socialpulse.source.kit.PlatformSource;
import io.socialpulse.source.kit.RecentIds;
import io.socialpulse.source.kit.StatusLadder;

/**
 * One hashtag's public timeline on one Mastodon instance. A run first reads forward from the
 * cursor ({@code min_id}, the newest id seen on this instance, from the {@code Link rel="prev"}
 * header) until a page comes back short, then sweeps back from that id with {@code max_id} over
 * the look-back ({@code SOURCES_MASTODON_LOOKBACK}). The sweep is needed because a remote status
 * gets an id from its creation time, not from when it reached the instance: a status that federates
 * late lands behind statuses already read. What the sweep reads again is dropped by the ids kept
 * in the cursor. Ids are local to an instance, so posts are identified by their federation
 * {@code uri}, and a status already collected through another instance is dropped.
 */
public final class MastodonSource extends PlatformSource {

    private static final Pattern PREV = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"prev\"");
    private static final Pattern MIN_ID = Pattern.compile("[?&]min_id=([^&]+)");
    /** Status ids are snowflakes (digits) on Mastodon and word characters on its forks; nothing else is kept. */
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");

    private final MastodonConfig config;
    private final String instance;
    private final String hashtag;
    private final RecentIds acrossInstances;

    public MastodonSource(PlatformContext context, MastodonConfig config, String instance, String hashtag,
            RecentIds acrossInstances) {
        super(context, "mastodon", "#" + hashtag, base(instance), config.interval(),
                // The instance limits per IP, whatever the tag: one bucket per instance.
                context.governor().bucket("mastodon", null, URI.create(base(instance)).getHost()));
        this.config = config;
        this.instance = base(instance);
        this.hashtag = hashtag.replaceFirst("^#", "");
        this.acrossInstances = acrossInstances;
    }

    /** {@code https://host} for a bare host; a URL as given (without a trailing slash). */
    public static String base(String instance) {
        String trimmed = instance.strip().replaceAll("/+$", "");
        return trimmed.contains("://") ? trimmed : "https://" + trimmed;
    }

    @Override
    protected Duration lookback() {
        return config.lookback();
    }

    @Override
    protected Uni<Fetched> fetch(ObjectNode cursor) {
        Instant now = context.clock().instant();
        String min = valid(Json.text(cursor, "min"));
        String back = valid(Json.text(cursor, "back"));
        // A cursor stored before ids were checked reads the newest page instead of failing forever.
        String page = back != null ? "&max_id=" + back : min != null ? "&min_id=" + min : "";
        URI uri = URI.create(instance + "/api/v1/timelines/tag/" + URLEncoder.encode(hashtag, StandardCharsets.UTF_8)
                .replace("+", "%20") + "?limit=" + config.pageSize() + page);
        return context.http().get(uri, Map.of()).map(answer -> back != null
                ? sweep(answer, cursor, now)
                : read(answer, cursor, now));
    }

    private static String valid(String id) {
        return id != null && ID.matcher(id).matches() ? id : null;
    }

    /** A page of the sweep: what is inside the look-back, and the next page while the window goes on. */
    private Fetched sweep(HttpAnswer answer, ObjectNode cursor, Instant fetchedAt) {
        JsonNode body = statuses(answer);
        Instant edge = Json.text(cursor, "edge") != null
                ? Instant.parse(cursor.get("edge").asText())
                : fetchedAt.minus(config.lookback());
        List<Post> posts = new ArrayList<>();
        String oldest = null;
        boolean past = false;
        for (JsonNode status : body) {
            Post post = MastodonMapper.post(status, match(), fetchedAt, answer, host());
            if (post.createdAt().isBefore(edge)) {
                past = true;
            } else if (!acrossInstances.contains(post.id())) {
                posts.add(post);
            }
            if (oldest == null || newer(oldest, post.nativeId())) {
                oldest = post.nativeId();
            }
        }
        ObjectNode after = cursor.deepCopy();
        if (past || oldest == null || body.size() < config.pageSize()) {
            after.remove("back");
            after.remove("edge");
            return new Fetched(posts, after, false);
        }
        after.put("back", oldest);
        return new Fetched(posts, after, true);
    }

    private JsonNode statuses(HttpAnswer answer) {
        long remaining = answer.remaining("x-ratelimit-remaining");
        Instant reset = answer.header("x-ratelimit-reset").map(MastodonSource::time).orElse(null);
        if (!answer.ok()) {
            throw failure(answer, reset);
        }
        bucket().succeeded(remaining, reset);
        JsonNode body = Json.parse(answer);
        if (!body.isArray()) {
            throw PlatformException.of(Kind.MALFORMED, "Mastodon timeline answer is not a list", answer);
        }
        return body;
    }

    private Post.Match match() {
        return new Post.Match(id(), List.of("#" + hashtag));
    }

    private Fetched read(HttpAnswer answer, ObjectNode cursor, Instant fetchedAt) {
        JsonNode body = statuses(answer);
        Post.Match match = match();
        List<Post> posts = new ArrayList<>();
        String newest = valid(Json.text(cursor, "min"));
        for (JsonNode status : body) {
            Post post = MastodonMapper.post(status, match, fetchedAt, answer, host());
            if (!acrossInstances.contains(post.id())) {
                posts.add(post);
            }
            if (newest == null || newer(post.nativeId(), newest)) {
                newest = post.nativeId();
            }
        }
        dropped(body.size() - posts.size());
        String prev = prevMinId(answer);
        if (prev != null && (newest == null || newer(prev, newest))) {
            newest = prev;
        }
        ObjectNode after = Json.object();
        if (newest == null) {
            return new Fetched(posts, after, false);
        }
        after.put("min", newest);
        // A full page after the cursor means more statuses are waiting right behind it; once caught up,
        // the run sweeps back over the look-back for statuses that arrived late.
        if (Json.text(cursor, "min") != null && body.size() >= config.pageSize()) {
            return new Fetched(posts, after, true);
        }
        if (config.lookback().isZero()) {
            return new Fetched(posts, after, false);
        }
        after.put("back", newest);
        after.put("edge", fetchedAt.minus(config.lookback()).toString());
        return new Fetched(posts, after, true);
    }

    @Override
    public Uni<Void> commit(Page page) {
        return super.commit(page).invoke(() -> page.posts().forEach(post -> acrossInstances.add(post.id())));
    }

    private PlatformException failure(HttpAnswer answer, Instant reset) {
        String error = answer.excerpt(200);
        try {
            error = Json.parse(answer).path("error").asText(error);
        } catch (PlatformException notJson) {
            // keep the excerpt
        }
        int status = answer.status();
        if (status == 404) {
            return PlatformException.of(Kind.REQUEST, "Mastodon " + host() + " knows no hashtag #" + hashtag + " ("
                    + error + ")");
        }
        String who = "Mastodon " + host();
        return StatusLadder.of(who).window((s, d) -> who + " rate limit reached (" + d + ")")
                .auth((s, d) -> who + " does not show hashtag timelines without signing in (" + d
                        + "); pick another instance in SOURCES_MASTODON_INSTANCES")
                .classify(answer, reset, error);
    }

    private String host() {
        return URI.create(instance).getHost();
    }

    private static String prevMinId(HttpAnswer answer) {
        for (String link : answer.headers("link")) {
            Matcher prev = PREV.matcher(link);
            if (prev.find()) {
                Matcher min = MIN_ID.matcher(prev.group(1));
                // An instance is a third party: a min_id that is not an id is ignored, never stored.
                if (min.find() && ID.matcher(min.group(1)).matches()) {
                    return min.group(1);
                }
            }
        }
        return null;
    }

    /** Status ids are decimal snowflakes of one length or more: longer is newer, then by text. */
    private static boolean newer(String a, String b) {
        return a.length() != b.length() ? a.length() > b.length() : a.compareTo(b) > 0;
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
