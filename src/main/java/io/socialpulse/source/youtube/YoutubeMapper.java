package io.socialpulse.source.youtube;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Post;
import io.socialpulse.source.kit.Counts;
import io.socialpulse.source.kit.Html;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;

/** A comment thread's top comment, or a search result's video, as a post. */
final class YoutubeMapper {

    private YoutubeMapper() {
    }

    static Post comment(JsonNode thread, Post.Match match, Instant fetchedAt, HttpAnswer answer) {
        JsonNode top = thread.path("snippet").path("topLevelComment");
        JsonNode snippet = top.path("snippet");
        String id = Json.required(top, "id", "YouTube comment", answer);
        Instant created = Json.time(Json.required(snippet, "publishedAt", "YouTube comment " + id, answer),
                "YouTube comment " + id, answer);
        String text = snippet.path("textOriginal").asText(snippet.path("textDisplay").asText(""));
        String video = Json.text(snippet, "videoId");
        Counts metrics = new Counts();
        metrics.add("likes", Json.number(snippet, "likeCount"));
        metrics.add("replies", Json.number(thread.path("snippet"), "totalReplyCount"));
        String author = Json.text(snippet, "authorDisplayName");
        return Post.builder("youtube", id)
                .kind("comment")
                .url(video == null ? null : "https://www.youtube.com/watch?v=" + video + "&lc=" + id)
                .author(author == null
                        ? null
                        : new Post.Author(snippet.path("authorChannelId").path("value").asText(null),
                                author, author, Json.text(snippet, "authorChannelUrl"), null))
                .text(text)
                .createdAt(created)
                .entitiesOf(text)
                .metrics(metrics.map())
                .match(match)
                .fetchedAt(fetchedAt)
                .raw(thread)
                .build();
    }

    static Post video(JsonNode item, Post.Match match, Instant fetchedAt, HttpAnswer answer) {
        String id = Json.required(item.path("id"), "videoId", "YouTube search result", answer);
        JsonNode snippet = item.path("snippet");
        Instant created = Json.time(Json.required(snippet, "publishedAt", "YouTube video " + id, answer),
                "YouTube video " + id, answer);
        // search.list escapes its text for HTML (&amp;, &#39;) and cuts descriptions short with "...".
        String title = Html.unescape(snippet.path("title").asText(""));
        String description = Html.unescape(snippet.path("description").asText(""));
        String text = description.isEmpty() ? title : title + "\n" + description;
        String channel = Json.text(snippet, "channelId");
        String channelTitle = Html.unescape(Json.text(snippet, "channelTitle"));
        return Post.builder("youtube", id)
                .url("https://www.youtube.com/watch?v=" + id)
                .author(channel == null
                        ? null
                        : new Post.Author(channel, channelTitle, channelTitle,
                                "https://www.youtube.com/channel/" + channel, null))
                .title(title)
                .text(text)
                .createdAt(created)
                .entitiesOf(text)
                .match(match)
                .fetchedAt(fetchedAt)
                .raw(item)
                .build();
    }
}
