package io.socialpulse.source.kit;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.socialpulse.post.PostCodec;
import io.socialpulse.source.kit.PlatformException.Kind;

/** Reading platform JSON defensively: a missing required field is a malformed page, never a null. */
public final class Json {

    /** ISO-8601 with any offset form platforms use: {@code Z}, {@code +00:00}, {@code +0000}. */
    private static final DateTimeFormatter OFFSET_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd().toFormatter();

    private Json() {
    }

    public static JsonNode parse(HttpAnswer answer) {
        try {
            JsonNode node = PostCodec.mapper().readTree(answer.body());
            if (node == null || node.isMissingNode()) {
                throw PlatformException.of(Kind.MALFORMED, "empty answer from " + answer.uri().getPath(), answer);
            }
            return node;
        } catch (IOException e) {
            throw PlatformException.of(Kind.MALFORMED,
                    "answer from " + answer.uri().getPath() + " is not JSON (HTTP " + answer.status() + ", "
                            + answer.header("content-type").orElse("no content type") + ")",
                    answer);
        }
    }

    public static ObjectNode object() {
        return PostCodec.mapper().createObjectNode();
    }

    /** The text at {@code field}, or null when absent or null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The text at {@code field}; a missing one makes the page malformed. */
    public static String required(JsonNode node, String field, String what, HttpAnswer answer) {
        String value = text(node, field);
        if (value == null || value.isEmpty()) {
            throw PlatformException.of(Kind.MALFORMED, what + " without '" + field + "'", answer);
        }
        return value;
    }

    public static Long number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.canConvertToLong() ? null : value.asLong();
    }

    /** A timestamp in any ISO-8601 offset form; a bad one makes the page malformed. */
    public static Instant time(String text, String what, HttpAnswer answer) {
        try {
            return OffsetDateTime.parse(text, OFFSET_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                throw PlatformException.of(Kind.MALFORMED, what + " has an unreadable time '" + text + "'", answer);
            }
        }
    }
}
