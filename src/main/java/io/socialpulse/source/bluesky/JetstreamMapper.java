package io.socialpulse.source.bluesky;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Post;
import io.socialpulse.source.kit.Json;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;

/**
 * Jetstream commit events of {@code app.bsky.feed.post} to {@link Post}: the same id
 * ({@code bluesky:at://<did>/app.bsky.feed.post/<rkey>}) search gives the same post. An event
 * carries no handle and no counts, only the author's DID and the record.
 */
public final class JetstreamMapper {

    /** What a tombstone's id adds to the id of the post it deletes. */
    public static final String TOMBSTONE = "#delete";

    private JetstreamMapper() {
    }

    /** True for a commit creating a post; deletes, updates of other collections, identity and account events are not posts. */
    public static boolean isPostCreate(JsonNode event) {
        JsonNode commit = event.path("commit");
        return "commit".equals(event.path("kind").asText()) && "create".equals(commit.path("operation").asText())
                && "app.bsky.feed.post".equals(commit.path("collection").asText());
    }

    /** True for a commit deleting a post. */
    public static boolean isPostDelete(JsonNode event) {
        JsonNode commit = event.path("commit");
        return "commit".equals(event.path("kind").asText()) && "delete".equals(commit.path("operation").asText())
                && "app.bsky.feed.post".equals(commit.path("collection").asText());
    }

    /** The id of the post a create or delete event is about. */
    public static String id(JsonNode event) {
        return Post.idOf("bluesky", "at://" + event.path("did").asText() + "/app.bsky.feed.post/"
                + event.path("commit").path("rkey").asText());
    }

    /**
     * A tombstone: {@code kind: delete}, no text, the time of the deletion, and the deleted post's
     * id followed by {@code #delete} as its own id (so dedup by id never takes it for the post).
     */
    public static Post tombstone(JsonNode event, Post.Match match, Instant fetchedAt) {
        String did = event.path("did").asText(null);
        String rkey = event.path("commit").path("rkey").asText(null);
        if (did == null || rkey == null) {
            throw PlatformException.of(Kind.MALFORMED, "Jetstream delete without did or rkey");
        }
        long timeUs = event.path("time_us").asLong(0);
        return Post.builder("bluesky", rkey)
                .id(id(event) + TOMBSTONE)
                .kind("delete")
                .author(new Post.Author(did, null, null, "https://bsky.app/profile/" + did, null))
                .text("")
                .createdAt(Instant.ofEpochSecond(timeUs / 1_000_000, (timeUs % 1_000_000) * 1000))
                .match(match)
                .fetchedAt(fetchedAt)
                .raw(event)
                .build();
    }

    public static Post post(JsonNode event, Post.Match match, Instant fetchedAt) {
        String did = event.path("did").asText(null);
        JsonNode commit = event.path("commit");
        String rkey = commit.path("rkey").asText(null);
        JsonNode record = commit.path("record");
        if (did == null || rkey == null || !record.isObject()) {
            throw PlatformException.of(Kind.MALFORMED, "Jetstream event without did, rkey or record");
        }
        String uri = "at://" + did + "/app.bsky.feed.post/" + rkey;
        String text = record.path("text").asText("");
        String created = Json.text(record, "createdAt");
        if (created == null) {
            throw PlatformException.of(Kind.MALFORMED, "Jetstream post " + uri + " without createdAt");
        }
        Facets facets = Facets.of(record);
        return Post.builder("bluesky", rkey)
                .globalId(uri)
                .kind(BlueskySource.kind(record))
                .url("https://bsky.app/profile/" + did + "/post/" + rkey)
                .author(new Post.Author(did, null, null, "https://bsky.app/profile/" + did, null))
                .text(text)
                .lang(record.path("langs").path(0).asText(null))
                .createdAt(Json.time(created, "Jetstream post " + uri, null))
                .hashtags(facets.hashtags(text))
                .mentions(facets.mentions())
                .urls(facets.urls(text))
                .match(match)
                .fetchedAt(fetchedAt)
                .raw(event)
                .build();
    }
}
