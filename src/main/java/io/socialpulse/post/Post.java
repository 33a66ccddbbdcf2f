package io.socialpulse.post;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One post, comment or reply from any platform, normalized. {@code id} is
 * {@code <platform>:<globalId>}: the dedup key and the Kinesis partition key, so every copy of a
 * post lands on the same shard. {@code raw} keeps the platform's payload verbatim so that a post
 * can be re-mapped later without collecting it again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Post(
        int schemaVersion,
        String id,
        String platform,
        String nativeId,
        String kind,
        String url,
        Author author,
        String title,
        String text,
        String lang,
        Instant createdAt,
        List<String> hashtags,
        List<String> mentions,
        List<String> urls,
        Map<String, Long> metrics,
        Match match,
        Ingest ingest,
        JsonNode raw) {

    public static final int SCHEMA_VERSION = 1;

    public Post {
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        urls = urls == null ? List.of() : List.copyOf(urls);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    /** The same post without the platform's payload: what goes out when the whole would not fit a record. */
    public Post withoutRaw() {
        return new Post(schemaVersion, id, platform, nativeId, kind, url, author, title, text, lang, createdAt,
                hashtags, mentions, urls, metrics, match, ingest, null);
    }

    /** The id a platform's global post id gets: {@code x:1790000000000000001}. */
    public static String idOf(String platform, String globalId) {
        return platform + ":" + globalId;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Author(String nativeId, String handle, String displayName, String profileUrl, Long followers) {
    }

    /** Why the post was collected: the configured source and the queries it matched. */
    public record Match(String sourceId, List<String> queries) {
        public Match {
            queries = queries == null ? List.of() : List.copyOf(queries);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ingest(Instant fetchedAt) {
    }
}
