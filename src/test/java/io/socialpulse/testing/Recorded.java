package io.socialpulse.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Answers that public client libraries recorded from the live platforms, read as they are stored:
 * plain bodies, or the cassettes of vcrpy (Python), vcr (R) and betamax (JSON), whose bodies may be
 * gzipped and base64-encoded ({@code !!binary}).
 */
public final class Recorded {

    /** One recorded answer: status, headers (each with its values), body as text. */
    public record Answer(int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(", ", e.getValue())).findFirst().orElse(null);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private Recorded() {
    }

    /** A recorded file from {@code src/test/resources/fixtures/}, as text. */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The answers of a cassette, in the order they were recorded. */
    public static List<Answer> cassette(String name) {
        JsonNode root;
        try {
            root = (name.endsWith(".json") ? JSON : YAML).readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode interactions = root.has("interactions") ? root.get("interactions") : root.get("http_interactions");
        List<Answer> answers = new ArrayList<>();
        for (JsonNode interaction : interactions) {
            JsonNode response = interaction.get("response");
            JsonNode status = response.get("status");
            int code = status.isInt()
                    ? status.asInt()
                    : status.has("code") ? status.get("code").asInt() : status.path("status_code").asInt();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.path("headers").fields().forEachRemaining(h -> {
                List<String> values = new ArrayList<>();
                if (h.getValue().isArray()) {
                    h.getValue().forEach(v -> values.add(v.asText()));
                } else {
                    values.add(h.getValue().asText());
                }
                headers.put(h.getKey(), values);
            });
            JsonNode body = response.path("body").path("string");
            String text;
            try {
                text = body.isBinary() ? gunzipIfNeeded(body.binaryValue()) : body.asText("");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            answers.add(new Answer(code, headers, text));
        }
        return answers;
    }

    private static String gunzipIfNeeded(byte[] bytes) throws IOException {
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = Recorded.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
