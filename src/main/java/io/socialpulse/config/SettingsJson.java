package io.socialpulse.config;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.config.EnvConfigSource;

/**
 * {@code SETTINGS_JSON}: settings as one JSON object of environment variable names, for a deploy
 * that passes them as one value (a CloudFormation parameter):
 * {@code {"SOURCES_X_QUERIES": "#acme", "TRENDS_TOP": 30}}. Read as environment variables are,
 * below the real ones, which win. Credentials are refused: a stack parameter is readable by anyone
 * who may describe the stack, so tokens go in Secrets Manager and reach the task as secrets.
 */
public final class SettingsJson extends EnvConfigSource {

    /** Below the environment (300), above application.properties. */
    static final int ORDINAL = 290;

    public SettingsJson() {
        this(System.getenv("SETTINGS_JSON"));
    }

    public SettingsJson(String json) {
        super(parse(json), ORDINAL);
    }

    @Override
    public String getName() {
        return "SETTINGS_JSON";
    }

    static Map<String, String> parse(String json) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return settings;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("SETTINGS_JSON is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("SETTINGS_JSON must be a JSON object of environment variable names");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (!name.matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalArgumentException("SETTINGS_JSON: '" + name + "' is not an environment variable name");
            }
            if (name.matches(".*(TOKEN|SECRET|PASSWORD|KEY|KEYS)")) {
                throw new IllegalArgumentException("SETTINGS_JSON must not hold " + name
                        + ": a credential there is readable with the stack's parameters; give it as a secret");
            }
            JsonNode value = e.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new IllegalArgumentException("SETTINGS_JSON: " + name + " must be a string, number or boolean");
            }
            settings.put(name, value.asText());
        }
        return settings;
    }
}
