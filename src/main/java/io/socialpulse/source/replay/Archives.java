package io.socialpulse.source.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Post;
import io.socialpulse.source.bluesky.JetstreamMapper;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;
import io.socialpulse.source.mastodon.MastodonMapper;
import io.socialpulse.source.x.XMapper;

/** One line of an archive in another tool's format, as posts, through the live connectors' mappers. */
public final class Archives {

    private Archives() {
    }

    public static List<Post> posts(String format, JsonNode line, Post.Match match, Instant fetchedAt) {
        List<Post> posts = new ArrayList<>();
        switch (format) {
            case "twarc" -> {
                if (line.has("data") && line.get("data").isArray()) {
                    // A twarc2 page: the API answer as received, includes and all.
                    Map<String, JsonNode> users = XMapper.users(line);
                    Map<String, JsonNode> included = XMapper.included(line);
                    for (JsonNode tweet : line.get("data")) {
                        posts.add(XMapper.post(tweet, users, included, match, fetchedAt, null));
                    }
                } else if (line.has("id") && line.has("text")) {
                    // A flattened tweet (twarc2 flatten): its author is inlined.
                    JsonNode author = line.path("author");
                    Map<String, JsonNode> users = author.isObject() && author.has("id")
                            ? Map.of(author.get("id").asText(), author)
                            : Map.of();
                    posts.add(XMapper.post(line, users, Map.of(), match, fetchedAt, null));
                } else if (!line.has("meta")) {
                    throw PlatformException.of(Kind.MALFORMED, "neither an X API v2 page nor a tweet");
                }
            }
            case "jetstream" -> {
                if (JetstreamMapper.isPostCreate(line)) {
                    posts.add(JetstreamMapper.post(line, match, fetchedAt));
                } else if (JetstreamMapper.isPostDelete(line)) {
                    // A deletion is kept as the live source keeps it: a tombstone naming the post.
                    posts.add(JetstreamMapper.tombstone(line, match, fetchedAt));
                }
                // Other collections, identity and account events carry no post.
            }
            case "mastodon" -> {
                for (JsonNode status : line.isArray() ? line : List.of(line)) {
                    posts.add(MastodonMapper.post(status, match, fetchedAt, null, null));
                }
            }
            default -> throw new IllegalArgumentException("unknown archive format " + format);
        }
        return posts;
    }
}
