package io.socialpulse.source.linkedin;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.socialpulse.config.LinkedinConfig;
import io.socialpulse.post.Entities;
import io.socialpulse.post.Post;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;
import io.socialpulse.source.kit.PlatformContext;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;
import io.socialpulse.source.kit.PlatformSource;
import io.socialpulse.source.kit.StatusLadder;

/**
 * Posts of one LinkedIn organization the token's member administers (the Posts API; LinkedIn has
 * no public search). Posts come newest-modified first; a run pages with {@code start} until it
 * reaches a post not modified since the cursor, which then becomes the newest
 * {@code lastModifiedAt} seen. An edited post is collected again, with the same id.
 */
public final class LinkedinSource extends PlatformSource {

    private final LinkedinConfig config;
    private final String organization;
    private final String token;

    public LinkedinSource(PlatformContext context, LinkedinConfig config, String organization) {
        super(context, "linkedin", organization, config.baseUrl(), config.interval(),
                context.governor().bucket("linkedin", config.accessToken().orElse(""), "/rest/posts"));
        this.config = config;
        this.organization = organization;
        this.token = config.accessToken().orElse("");
    }

    @Override
    protected Uni<Fetched> fetch(ObjectNode cursor) {
        Instant now = context.clock().instant();
        long start = cursor.path("start").asLong(0);
        URI uri = URI.create(config.baseUrl() + "/rest/posts?author="
                + URLEncoder.encode("urn:li:organization:" + organization, StandardCharsets.UTF_8)
                + "&q=author&count=" + config.pageSize() + "&start=" + start + "&sortBy=LAST_MODIFIED");
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "LinkedIn-Version", config.version(),
                "X-Restli-Protocol-Version", "2.0.0");
        return context.http().get(uri, headers).map(answer -> read(answer, cursor, now));
    }

    private Fetched read(HttpAnswer answer, ObjectNode cursor, Instant fetchedAt) {
        if (!answer.ok()) {
            throw failure(answer, fetchedAt);
        }
        JsonNode body = Json.parse(answer);
        JsonNode elements = body.get("elements");
        if (elements == null || !elements.isArray()) {
            throw PlatformException.of(Kind.MALFORMED, "LinkedIn posts answer without 'elements'", answer);
        }
        bucket().succeeded(-1, null);
        long since = cursor.has("since")
                ? cursor.get("since").asLong()
                : fetchedAt.minus(config.backfill()).toEpochMilli();
        long newest = Math.max(since, cursor.path("max").asLong(0));
        Post.Match match = new Post.Match(id(), List.of("urn:li:organization:" + organization));
        List<Post> posts = new ArrayList<>();
        boolean reachedCursor = false;
        for (JsonNode element : elements) {
            long modified = element.path("lastModifiedAt").asLong(element.path("createdAt").asLong(0));
            if (modified <= since) {
                reachedCursor = true;
                break;
            }
            newest = Math.max(newest, modified);
            if ("PUBLISHED".equals(element.path("lifecycleState").asText("PUBLISHED"))) {
                posts.add(post(element, match, fetchedAt, answer));
            }
        }
        boolean next = false;
        for (JsonNode link : body.path("paging").path("links")) {
            next |= "next".equals(link.path("rel").asText());
        }
        if (!reachedCursor && next && elements.size() > 0) {
            ObjectNode during = Json.object();
            if (cursor.has("since")) {
                during.put("since", since);
            }
            during.put("start", cursor.path("start").asLong(0) + elements.size());
            during.put("max", newest);
            return new Fetched(posts, during, true);
        }
        ObjectNode after = Json.object();
        after.put("since", newest);
        return new Fetched(posts, after, false);
    }

    private PlatformException failure(HttpAnswer answer, Instant now) {
        String message = answer.excerpt(300);
        try {
            message = Json.parse(answer).path("message").asText(message);
        } catch (PlatformException notJson) {
            // keep the excerpt
        }
        int status = answer.status();
        if (status == 429 && dailyLimit(message)) {
            // Daily limits reset at midnight UTC; LinkedIn sends no header saying so.
            Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            return new PlatformException(Kind.QUOTA, "LinkedIn daily limit reached (" + message + ")", midnight,
                    answer);
        }
        if (status == 426 || (status == 400 && message.contains("ersion"))) {
            return PlatformException.of(Kind.REQUEST, "LinkedIn refused API version " + config.version() + " ("
                    + message + "); set SOURCES_LINKEDIN_VERSION to an active YYYYMM version");
        }
        return StatusLadder.of("LinkedIn").window((s, d) -> "LinkedIn throttled the request (HTTP " + s + ")")
                .auth((s, d) -> s == 401
                        ? "LinkedIn refused the access token (" + d
                                + "); check SOURCES_LINKEDIN_ACCESS_TOKEN (member tokens expire after 60 days)"
                        : "LinkedIn refused access to organization " + organization + " (" + d
                                + "); the member must administer it and the token needs r_organization_social")
                .classify(answer, null, message);
    }

    /**
     * LinkedIn words its daily limits several ways ("Resource level throttle limit for calls...",
     * "Throttle limit for calls...", "Resource level throttle APPLICATION DAY limit..."): all of them
     * name a throttle and a limit.
     */
    static boolean dailyLimit(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("throttle") && lower.contains("limit");
    }

    static Post post(JsonNode element, Post.Match match, Instant fetchedAt, HttpAnswer answer) {
        String id = Json.required(element, "id", "LinkedIn post", answer);
        long published = element.path("publishedAt").asLong(element.path("createdAt").asLong(0));
        if (published <= 0) {
            throw PlatformException.of(Kind.MALFORMED, "LinkedIn post " + id + " without publishedAt or createdAt",
                    answer);
        }
        LittleText commentary = LittleText.parse(element.path("commentary").asText(""));
        String text = commentary.text();
        String author = Json.text(element, "author");
        JsonNode reshare = element.path("reshareContext");
        String original = Json.text(reshare, "root") != null
                ? Json.text(reshare, "root")
                : Json.text(reshare, "parent");
        return Post.builder("linkedin", id)
                .kind(original == null ? "post" : "repost")
                .repostOf(original == null ? null : Post.idOf("linkedin", original), null)
                .url("https://www.linkedin.com/feed/update/" + id)
                .author(author == null ? null : new Post.Author(author, author, null, null, null))
                .text(text)
                .createdAt(Instant.ofEpochMilli(published))
                .hashtags(commentary.hashtags())
                .mentions(commentary.mentions())
                .urls(Entities.urls(text))
                .match(match)
                .fetchedAt(fetchedAt)
                .raw(element)
                .build();
    }
}
