package io.socialpulse.source.replay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.kit.PlatformKit;
import io.socialpulse.source.kit.RecentIds;
import io.socialpulse.source.mastodon.MastodonSource;
import io.socialpulse.source.mastodon.MastodonSourceTest;
import io.socialpulse.source.x.XSource;
import io.socialpulse.source.x.XSourceTest;

/**
 * Archives from other tools through the replay source: each maps through the live connector's
 * code, so a post read from an archive equals the same post collected live (but for why and when
 * it was collected).
 */
class ArchiveImportTest {

    @RegisterExtension
    final PlatformKit kit = new PlatformKit();

    private static ReplaySource replay(String format, Path file) {
        return ReplaySettings.source(format, 500, file);
    }

    private static List<Post> all(ReplaySource source) {
        return PlatformKit.pollAndCommit(source).posts();
    }

    /** A post as JSON without {@code match} and {@code ingest}: why and when it was collected. */
    private static List<String> content(List<Post> posts) {
        return posts.stream().map(post -> {
            ObjectNode json = PostCodec.mapper().valueToTree(post);
            json.remove("match");
            json.remove("ingest");
            return json.toString();
        }).toList();
    }

    private Path file(String name, String... lines) throws Exception {
        Path file = Files.createTempDirectory("archive").resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void aTwarcArchiveGivesTheSamePostsAsTheLiveSearch() throws Exception {
        String page = kit.fixture("x/page1.json").replaceAll("\\s*\\n\\s*", "");
        kit.platform.stubFor(get(urlPathEqualTo("/2/tweets/search/recent")).willReturn(aResponse()
                .withHeader("content-type", "application/json").withBody(page)));
        XSource live = new XSource(kit.context(), XSourceTest.settings(kit.baseUrl()), "#acme");
        List<Post> polled = PlatformKit.pollAndCommit(live).posts();

        ReplaySource archive = replay("twarc", file("tweets.jsonl", page, "{\"meta\":{\"result_count\":0}}"));
        List<Post> imported = all(archive);
        assertEquals(2, imported.size());
        assertEquals(content(polled), content(imported));
        assertEquals(0, archive.rejected());
    }

    @Test
    void aFlattenedTwarcTweetKeepsItsInlinedAuthor() throws Exception {
        String tweet = "{\"id\":\"2050160990745526395\",\"text\":\"Is #acme down?\",\"author_id\":\"5555555555\","
                + "\"created_at\":\"2026-05-01T10:30:45.000Z\",\"author\":{\"id\":\"5555555555\",\"username\":\"kimlee\"}}";
        List<Post> imported = all(replay("twarc", file("flat.jsonl", tweet)));
        assertEquals("kimlee", imported.get(0).author().handle());
        assertEquals(List.of("acme"), imported.get(0).hashtags());
    }

    @Test
    void aMastodonArchiveGivesTheSamePostsAsTheLiveTimeline() throws Exception {
        String statuses = kit.fixture("mastodon/tag-first.json").replaceAll("\\s*\\n\\s*", "");
        kit.platform.stubFor(get(urlPathEqualTo("/api/v1/timelines/tag/acme")).willReturn(aResponse()
                .withHeader("content-type", "application/json").withBody(statuses)));
        MastodonSource live = new MastodonSource(kit.context(), MastodonSourceTest
                .settings(), kit.baseUrl(), "acme", new RecentIds(10));
        List<Post> polled = PlatformKit.pollAndCommit(live).posts();
        List<Post> imported = all(replay("mastodon", file("statuses.jsonl", statuses)));
        assertEquals(content(polled), content(imported));
    }

    @Test
    void aJetstreamCaptureKeepsPostCreatesAndDeletionsAndSkipsEverythingElse() throws Exception {
        String create = "{\"did\":\"did:plc:abc123xyz\",\"time_us\":1777630531456000,\"kind\":\"commit\",\"commit\":"
                + "{\"rev\":\"3lobq2vuu\",\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\","
                + "\"rkey\":\"3lobq2vutsw2b\",\"cid\":\"bafyrei\",\"record\":{\"$type\":\"app.bsky.feed.post\","
                + "\"text\":\"Trying #acme today\",\"createdAt\":\"2026-05-01T10:15:30.123Z\",\"langs\":[\"en\"],"
                + "\"facets\":[{\"index\":{\"byteStart\":7,\"byteEnd\":12},\"features\":[{\"$type\":"
                + "\"app.bsky.richtext.facet#tag\",\"tag\":\"acme\"}]}]}}}";
        String delete = "{\"did\":\"did:plc:abc123xyz\",\"time_us\":1777630600000000,\"kind\":\"commit\",\"commit\":"
                + "{\"rev\":\"3lobq3\",\"operation\":\"delete\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3lobq1\"}}";
        String like = "{\"did\":\"did:plc:x\",\"time_us\":1777630601000000,\"kind\":\"commit\",\"commit\":{\"operation\":"
                + "\"create\",\"collection\":\"app.bsky.feed.like\",\"rkey\":\"3l\",\"record\":{}}}";
        String identity = "{\"did\":\"did:plc:x\",\"time_us\":1777630602000000,\"kind\":\"identity\",\"identity\":{}}";
        ReplaySource archive = replay("jetstream", file("capture.jsonl", create, delete, like, identity,
                "{\"kind\":\"commit\",\"commit\":{\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\"}}"));
        List<Post> imported = all(archive);
        assertEquals(List.of("bluesky:at://did:plc:abc123xyz/app.bsky.feed.post/3lobq2vutsw2b",
                "bluesky:at://did:plc:abc123xyz/app.bsky.feed.post/3lobq1#delete"),
                imported.stream().map(Post::id).toList(), "the same ids the live sources give");
        assertEquals(List.of("acme"), imported.get(0).hashtags());
        assertEquals("delete", imported.get(1).kind(), "a deletion is a tombstone, as the live source keeps it");
        assertEquals(1, archive.rejected(), "the event without a did or record is reported, the rest skipped");
    }
}
