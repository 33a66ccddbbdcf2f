package io.socialpulse.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.PostCodec;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Reads the lake back as a user would: every object under a prefix, gunzipped, line by line. */
public final class Lake {

    public record Line(String key, JsonNode post) {
    }

    private Lake() {
    }

    public static List<String> keys(S3Client s3, String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key)
                .forEach(keys::add);
        return keys;
    }

    /** Every post line of every object under {@code prefix}; fails if an object is not a complete gzip stream. */
    public static List<Line> lines(S3Client s3, String bucket, String prefix) {
        List<Line> lines = new ArrayList<>();
        for (String key : keys(s3, bucket, prefix)) {
            byte[] body = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
            for (String text : gunzip(body).split("\n")) {
                if (!text.isEmpty()) {
                    try {
                        lines.add(new Line(key, PostCodec.mapper().readTree(text)));
                    } catch (IOException e) {
                        throw new UncheckedIOException("object " + key + " has a line that is not JSON", e);
                    }
                }
            }
        }
        return lines;
    }

    public static String gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("not a complete gzip stream", e);
        }
    }

    public static List<String> ids(List<Line> lines) {
        return lines.stream().map(l -> l.post().get("id").asText()).toList();
    }
}
