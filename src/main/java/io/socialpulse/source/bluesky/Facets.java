package io.socialpulse.source.bluesky;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Entities;

/**
 * The rich-text facets of a Bluesky post record: tags, mentions (as DIDs) and links, which the
 * record marks explicitly. A post without tag or link facets falls back to scanning its text.
 */
record Facets(List<String> tags, List<String> mentions, List<String> links) {

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
        return new Facets(tags, mentions, links);
    }

    List<String> hashtags(String text) {
        return tags.isEmpty() ? Entities.hashtags(text) : tags;
    }

    List<String> urls(String text) {
        return links.isEmpty() ? Entities.urls(text) : links;
    }
}
