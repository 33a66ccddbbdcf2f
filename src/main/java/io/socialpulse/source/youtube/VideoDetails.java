package io.socialpulse.source.youtube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Entities;
import io.socialpulse.post.Post;
import io.socialpulse.source.kit.Json;

/** What {@code videos.list} adds to a video found by search: its whole description, its tags, its counts. */
final class VideoDetails {

    private VideoDetails() {
    }

    /** A video from search with the description, tags and statistics of {@code videos.list}. */
    static Post apply(Post post, JsonNode video) {
        JsonNode snippet = video.path("snippet");
        String description = Json.text(snippet, "description");
        String text = description == null || description.isEmpty()
                ? post.text()
                : (post.title() == null || post.title().isEmpty() ? description : post.title() + "\n" + description);
        List<String> hashtags = new ArrayList<>(Entities.hashtags(text));
        for (JsonNode tag : snippet.path("tags")) {
            String key = Entities.normalize(tag.asText("").strip().replaceFirst("^#", ""));
            if (!key.isEmpty() && !hashtags.contains(key)) {
                hashtags.add(key);
            }
        }
        Map<String, Long> metrics = new LinkedHashMap<>(post.metrics());
        JsonNode statistics = video.path("statistics");
        putCount(metrics, "views", statistics, "viewCount");
        putCount(metrics, "likes", statistics, "likeCount");
        putCount(metrics, "replies", statistics, "commentCount");
        return post.toBuilder()
                .text(text)
                .entitiesOf(text)
                .hashtags(hashtags)
                .metrics(metrics)
                .build();
    }

    /** YouTube sends counts as strings ("viewCount": "1234"). */
    private static void putCount(Map<String, Long> metrics, String name, JsonNode statistics, String field) {
        JsonNode value = statistics.get(field);
        if (value != null) {
            try {
                metrics.put(name, Long.parseLong(value.asText().strip()));
            } catch (NumberFormatException e) {
                // a count that is not a number is left out
            }
        }
    }
}
