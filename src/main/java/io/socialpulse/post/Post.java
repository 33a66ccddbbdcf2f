package io.socialpulse.post;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One post, comment or reply from any platform, normalized. {@code id} is
 * {@code <platform>:<globalId>}: the dedup key and the Kinesis partition key, so every copy of a
 * post lands on the same shard. {@code raw} keeps the platform's payload verbatim so that a post
 * can be re-mapped later without collecting it again.
 *
 * <p>Schema version 2 added {@code repostOf} (the post id of the original a repost amplifies) and
 * {@code repostOfAuthor} (who wrote that original, when the platform says), {@code sentiment}
 * (VADER's scores, for English text) and {@code community} (the subreddit, group or similar place
 * a post was made in). Version 1 lines read as posts with none of them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Post(
        int schemaVersion,
        String id,
        String platform,
        String nativeId,
        String kind,
        String repostOf,
        Author repostOfAuthor,
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
        Scores sentiment,
        Match match,
        String community,
        Ingest ingest,
        JsonNode raw) {

    public static final int SCHEMA_VERSION = 2;

    public Post {
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        urls = urls == null ? List.of() : List.copyOf(urls);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    /**
     * A post of {@code platform} whose id there is {@code nativeId}; its {@code id} is
     * {@code <platform>:<nativeId>} until {@link PostBuilder#globalId} says otherwise.
     */
    public static PostBuilder builder(String platform, String nativeId) {
        return new PostBuilder(platform, nativeId);
    }

    /** A builder holding every field of this post, to make a copy that differs in a few. */
    public PostBuilder toBuilder() {
        return new PostBuilder(this);
    }

    /** The same post without the platform's payload: what goes out when the whole would not fit a record. */
    public Post withoutRaw() {
        return toBuilder().raw(null).build();
    }

    /** The same post with its VADER scores. */
    public Post scored(Scores scores) {
        return toBuilder().sentiment(scores).build();
    }

    /** Whether this post amplifies another one rather than saying something of its own. */
    @JsonIgnore
    public boolean isRepost() {
        return repostOf != null;
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

    /**
     * VADER's scores of the post's English text: {@code compound} in [-1, 1], and the shares of
     * positive, neutral and negative words. Absent when the text is not English or is empty.
     */
    public record Scores(double compound, double pos, double neu, double neg) {
    }
}
