package io.socialpulse.post;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Posts as UTF-8 JSON, the form they take in Kinesis records, replay files and lake lines. Output
 * never contains a raw line break, so one post is always one line.
 */
public final class PostCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addDeserializer(Instant.class, new IsoInstants()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private PostCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Post post) {
        try {
            return MAPPER.writeValueAsBytes(post);
        } catch (IOException e) {
            throw new PostFormatException("cannot encode post " + post.id(), e);
        }
    }

    /** Reads one post and checks the fields the pipeline relies on. */
    public static Post decode(byte[] json) {
        Post post;
        try {
            post = MAPPER.readValue(json, Post.class);
        } catch (JsonProcessingException e) {
            throw new PostFormatException("not a post: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PostFormatException("not a post: " + e.getMessage(), e);
        }
        if (post == null) {
            throw new PostFormatException("not a post: empty document");
        }
        require(post.id(), "id");
        require(post.platform(), "platform");
        if (post.createdAt() == null) {
            throw new PostFormatException("post " + post.id() + " has no createdAt");
        }
        return post;
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new PostFormatException("post has no " + field);
        }
    }
}
