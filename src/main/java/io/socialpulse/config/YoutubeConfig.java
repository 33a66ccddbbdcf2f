package io.socialpulse.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** YouTube Data API v3 comments and search ({@code SOURCES_YOUTUBE_*}). */
public interface YoutubeConfig {
    /** {@code SOURCES_YOUTUBE_API_KEY}: a Google Cloud API key with the YouTube Data API v3 enabled. */
    Optional<String> apiKey();

    /** {@code SOURCES_YOUTUBE_VIDEOS}: comma-separated video ids whose comment threads are collected. */
    Optional<List<String>> videos();

    /** {@code SOURCES_YOUTUBE_CHANNELS}: comma-separated channel ids whose comment threads (all videos) are collected. */
    Optional<List<String>> channels();

    /** {@code SOURCES_YOUTUBE_QUERIES}: comma-separated search queries for new videos (search.list: 100 calls a day). */
    Optional<List<String>> queries();

    /** {@code SOURCES_YOUTUBE_COMMENTS_INTERVAL}: time between polls of one video or channel. Default 5m. */
    @WithDefault("5m")
    Duration commentsInterval();

    /** {@code SOURCES_YOUTUBE_SEARCH_INTERVAL}: time between searches of one query. Default 30m. */
    @WithDefault("30m")
    Duration searchInterval();

    /** {@code SOURCES_YOUTUBE_DAILY_UNITS}: quota units a day for everything but search. Default 10000. */
    @WithDefault("10000")
    int dailyUnits();

    /** {@code SOURCES_YOUTUBE_DAILY_SEARCHES}: search.list calls a day. Default 100. */
    @WithDefault("100")
    int dailySearches();

    /** {@code SOURCES_YOUTUBE_BASE_URL}: the API host. Default https://www.googleapis.com. */
    @WithDefault("https://www.googleapis.com")
    String baseUrl();

    /**
     * {@code SOURCES_YOUTUBE_VIDEO_DETAILS}: after each page of search results, read the videos with
     * {@code videos.list} (1 unit per 50 videos) for their whole description, tags and statistics,
     * which search cuts or leaves out. Default false.
     */
    @WithDefault("false")
    boolean videoDetails();
}
