package io.socialpulse.post;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Builds a {@link Post} field by field; what is not set is absent ({@code kind} is {@code post}). */
public final class PostBuilder {
    private int schemaVersion = Post.SCHEMA_VERSION;
    private String id;
    private final String platform;
    private final String nativeId;
    private String kind = "post";
    private String repostOf;
    private Post.Author repostOfAuthor;
    private String url;
    private Post.Author author;
    private String title;
    private String text;
    private String lang;
    private Instant createdAt;
    private List<String> hashtags;
    private List<String> mentions;
    private List<String> urls;
    private Map<String, Long> metrics;
    private Post.Scores sentiment;
    private Post.Match match;
    private String community;
    private Post.Ingest ingest;
    private JsonNode raw;

    PostBuilder(String platform, String nativeId) {
        this.platform = platform;
        this.nativeId = nativeId;
        this.id = Post.idOf(platform, nativeId);
    }

    PostBuilder(Post post) {
        this(post.platform(), post.nativeId());
        schemaVersion = post.schemaVersion();
        id = post.id();
        kind = post.kind();
        repostOf = post.repostOf();
        repostOfAuthor = post.repostOfAuthor();
        url = post.url();
        author = post.author();
        title = post.title();
        text = post.text();
        lang = post.lang();
        createdAt = post.createdAt();
        hashtags = post.hashtags();
        mentions = post.mentions();
        urls = post.urls();
        metrics = post.metrics();
        sentiment = post.sentiment();
        match = post.match();
        community = post.community();
        ingest = post.ingest();
        raw = post.raw();
    }

    /** The schema version the post claims; {@link Post#SCHEMA_VERSION} unless a test needs an old one. */
    public PostBuilder schemaVersion(int value) {
        schemaVersion = value;
        return this;
    }

    /** The platform's global id when it differs from the native one: the id becomes {@code <platform>:<globalId>}. */
    public PostBuilder globalId(String globalId) {
        id = Post.idOf(platform, globalId);
        return this;
    }

    /** The whole post id, as written: for copies and tests that need an id of their own. */
    public PostBuilder id(String value) {
        id = value;
        return this;
    }

    public PostBuilder kind(String value) {
        kind = value;
        return this;
    }

    /** The original this post amplifies (a post id) and who wrote it (or null). */
    public PostBuilder repostOf(String original, Post.Author originalAuthor) {
        repostOf = original;
        repostOfAuthor = originalAuthor;
        return this;
    }

    public PostBuilder url(String value) {
        url = value;
        return this;
    }

    public PostBuilder author(Post.Author value) {
        author = value;
        return this;
    }

    public PostBuilder title(String value) {
        title = value;
        return this;
    }

    public PostBuilder text(String value) {
        text = value;
        return this;
    }

    public PostBuilder lang(String value) {
        lang = value;
        return this;
    }

    public PostBuilder createdAt(Instant value) {
        createdAt = value;
        return this;
    }

    public PostBuilder hashtags(List<String> value) {
        hashtags = value;
        return this;
    }

    public PostBuilder mentions(List<String> value) {
        mentions = value;
        return this;
    }

    public PostBuilder urls(List<String> value) {
        urls = value;
        return this;
    }

    /** The hashtags, mentions and links written in {@code text}: for payloads that carry no entities. */
    public PostBuilder entitiesOf(String text) {
        hashtags = Entities.hashtags(text);
        mentions = Entities.mentions(text);
        urls = Entities.urls(text);
        return this;
    }

    public PostBuilder metrics(Map<String, Long> value) {
        metrics = value;
        return this;
    }

    public PostBuilder sentiment(Post.Scores value) {
        sentiment = value;
        return this;
    }

    public PostBuilder match(Post.Match value) {
        match = value;
        return this;
    }

    public PostBuilder community(String value) {
        community = value;
        return this;
    }

    /** When it was fetched from the platform. */
    public PostBuilder fetchedAt(Instant value) {
        ingest = value == null ? null : new Post.Ingest(value);
        return this;
    }

    public PostBuilder raw(JsonNode value) {
        raw = value;
        return this;
    }

    public Post build() {
        return new Post(schemaVersion, id, platform, nativeId, kind, repostOf, repostOfAuthor, url, author, title,
                text, lang, createdAt, hashtags, mentions, urls, metrics, sentiment, match, community, ingest, raw);
    }
}
