package io.socialpulse.source.instagram;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.InstagramConfig;
import io.socialpulse.source.facebook.GraphErrors;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;

/**
 * Hashtag ids from {@code ig_hashtag_search}. Ids are global and never change, and every search
 * spends one of the account's 30 unique hashtags a week, so each is looked up once and kept (in
 * memory here, and in each source's cursor across restarts).
 */
public final class InstagramHashtags {

    private final PlatformContext context;
    private final InstagramConfig config;
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    public InstagramHashtags(PlatformContext context, InstagramConfig config) {
        this.context = context;
        this.config = config;
    }

    public Uni<String> id(String hashtag) {
        String name = hashtag.replaceFirst("^#", "").toLowerCase(Locale.ROOT);
        String known = ids.get(name);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        URI uri = URI.create(config.baseUrl() + "/" + config.graphVersion() + "/ig_hashtag_search?user_id="
                + URLEncoder.encode(config.userId().orElse(""), StandardCharsets.UTF_8) + "&q="
                + URLEncoder.encode(name, StandardCharsets.UTF_8));
        return context.http().get(uri, Map.of("Authorization", "Bearer " + config.accessToken().orElse("")))
                .map(answer -> read(answer, name));
    }

    private String read(HttpAnswer answer, String name) {
        if (!answer.ok()) {
            throw GraphErrors.failure(answer, context.clock().instant(), "Instagram",
                    "SOURCES_INSTAGRAM_ACCESS_TOKEN");
        }
        JsonNode body = Json.parse(answer);
        // The reference shows {"data":[{"id":...}]}, the guide a bare {"id":...}: both are accepted.
        String id = body.has("data") ? Json.text(body.path("data").path(0), "id") : Json.text(body, "id");
        if (id == null) {
            throw PlatformException.of(Kind.REQUEST, "Instagram knows no hashtag #" + name);
        }
        ids.put(name, id);
        return id;
    }

    void remember(String hashtag, String id) {
        ids.putIfAbsent(hashtag.replaceFirst("^#", "").toLowerCase(Locale.ROOT), id);
    }
}
