package io.socialpulse.source.youtube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.testing.Recorded;

/** YouTube search results as recorded by python-youtube: titles escaped for HTML. */
class YoutubeFidelityTest {

    private static Post video(int index) throws Exception {
        JsonNode items = PostCodec.mapper().readTree(Recorded.text("youtube/recorded/search_by_keywords_p1.json"))
                .path("items");
        return YoutubeMapper.video(items.get(index), new Post.Match("youtube-surfing", List.of("surfing")),
                Instant.EPOCH, null);
    }

    @Test
    void escapedTitlesAreStoredAsWritten() throws Exception {
        assertEquals("SURFING PERFECT PIPE & BACKDOOR || SUNRISE SHACK!", video(1).title());
        assertEquals("World's best surfing 2017", video(2).title());
        assertEquals("Jamie O'Brien", video(0).author().handle());
        assertEquals("youtube:gQ_1zX-F_No", video(0).id());
        assertEquals(Instant.parse("2019-12-05T19:00:10Z"), video(0).createdAt());
    }
}
