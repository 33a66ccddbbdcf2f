package io.socialpulse.source.bluesky;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Entities;

/**
 * The rich-text facets of a Bluesky post record: tags, mentions (as DIDs) and links, which the
 * record marks explicitly, and the tags it carries outside its text ({@code record.tags}). A post
 * without tag or link facets falls back to scanning its text.
 */
record Facets(List<String> tags, List<String> mentions, List<String> links, List<String> outlineTags) {

    static Facets of(JsonNode record) {
        List<String> tags = new ArrayList<>();
        List<String> mentions = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (JsonNode facet : record.path("facets")) {
            for (JsonNode feature : facet.path("features")) {
                String type = feature.path("$type").asText("");
                if (type.endsWith("#tag") && feature.has("tag")) {
                    tags.add(Entities.normalize(feature.get("tag").asText()));
                } else if (type.endsWith("#mention") && feature.has("did")) {
                    mentions.add(feature.get("did").asText());
                } else if (type.endsWith("#link") && feature.has("uri")) {
                    links.add(feature.get("uri").asText());
                }
            }
        }
        return new Facets(tags, mentions, links, outline(record));
    }

    /** Tags a post carries without writing them in its text ({@code record.tags}). */
    private static List<String> outline(JsonNode record) {
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : record.path("tags")) {
            if (tag.isTextual() && !tag.asText().isBlank()) {
                String key = Entities.normalize(tag.asText().strip().replaceFirst("^#", ""));
                if (!tags.contains(key)) {
                    tags.add(key);
                }
            }
        }
        return tags;
    }

    List<String> hashtags(String text) {
        List<String> all = new ArrayList<>(tags.isEmpty() ? Entities.hashtags(text) : tags);
        for (String tag : outlineTags) {
            if (!all.contains(tag)) {
                all.add(tag);
            }
        }
        return all;
    }

    List<String> urls(String text) {
        return links.isEmpty() ? Entities.urls(text) : links;
    }
}
