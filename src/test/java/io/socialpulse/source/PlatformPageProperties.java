package io.socialpulse.source;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.bluesky.BlueskySource;
import io.socialpulse.source.bluesky.JetstreamMapper;
import io.socialpulse.source.facebook.FacebookMapper;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.mastodon.MastodonMapper;
import io.socialpulse.source.reddit.RedditSource;
import io.socialpulse.source.x.XMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A platform's answer is outside data: with any field of a recorded page replaced by a value of
 * another type, removed, or nested oddly, each mapper gives a post or says the item is malformed
 * ({@link PlatformException}), at once; nothing else escapes to leave a page retried as a fault.
 */
class PlatformPageProperties {

    private static final Post.Match MATCH = new Post.Match("prop", List.of());
    private static final Instant NOW = Instant.parse("2026-05-01T10:20:00Z");

    /** A recorded page, where its items are, and the mapper of one item. */
    record Platform(String fixture, Function<JsonNode, JsonNode> items, Function<JsonNode, Object> map) {
        @Override
        public String toString() {
            return fixture;
        }
    }

    private static final List<Platform> PLATFORMS = List.of(
            new Platform("x/newer.json", p -> p.path("data"),
                    t -> XMapper.post(t, Map.of(), Map.of(), MATCH, NOW, null)),
            new Platform("mastodon/tag-first.json", p -> p,
                    s -> MastodonMapper.post(s, MATCH, NOW, null, "example.social")),
            new Platform("facebook/feed-page1.json", p -> p.path("data"),
                    i -> FacebookMapper.post(i, MATCH, NOW, null)),
            new Platform("bluesky/search-first.json", p -> p.path("posts"),
                    i -> BlueskySource.post(i, MATCH, NOW, null)),
            new Platform("reddit/search-first.json", p -> p.path("data").path("children"),
                    c -> RedditSource.post(c.path("data"), MATCH, NOW, null)));

    @Property(tries = 400)
    void aMutatedItemIsAPostOrMalformed(@ForAll("platforms") Platform platform, @ForAll("seeds") long seed) {
        JsonNode page = fixture(platform.fixture());
        for (JsonNode item : platform.items().apply(page)) {
            JsonNode mutated = mutate(item.deepCopy(), new Random(seed));
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> mapped(platform, mutated));
        }
    }

    @Property(tries = 300)
    void aMutatedJetstreamEventIsAPostOrMalformed(@ForAll("seeds") long seed) {
        JsonNode event = PostCodec.mapper().valueToTree(Map.of("did", "did:plc:abc", "time_us", 1000, "kind",
                "commit", "commit", Map.of("rev", "3l", "operation", "create", "collection", "app.bsky.feed.post",
                        "rkey", "3labc", "cid", "b", "record", Map.of("$type", "app.bsky.feed.post", "text",
                                "hi #acme", "createdAt", "2026-05-01T10:15:30.123Z", "langs", List.of("en")))));
        JsonNode mutated = mutate(event, new Random(seed));
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try {
                if (JetstreamMapper.isPostCreate(mutated)) {
                    JetstreamMapper.post(mutated, MATCH, NOW);
                }
            } catch (PlatformException malformed) {
                // said so
            } catch (RuntimeException e) {
                fail("Jetstream event " + mutated + " threw " + e, e);
            }
        });
    }

    @Provide
    Arbitrary<Platform> platforms() {
        return Arbitraries.of(PLATFORMS);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static void mapped(Platform platform, JsonNode item) {
        try {
            platform.map().apply(item);
        } catch (PlatformException malformed) {
            // said so
        } catch (RuntimeException e) {
            fail(platform + " item " + item + " threw " + e, e);
        }
    }

    /** Replaces, removes or re-types one to four nodes anywhere in the tree. */
    private static JsonNode mutate(JsonNode root, Random random) {
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode container = containers.get(random.nextInt(containers.size()));
            if (container instanceof ObjectNode object && object.size() > 0) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.get(random.nextInt(names.size()));
                if (random.nextInt(4) == 0) {
                    object.remove(name);
                } else {
                    object.set(name, odd(random));
                }
            } else if (container instanceof ArrayNode array && array.size() > 0) {
                array.set(random.nextInt(array.size()), odd(random));
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.forEach(child -> collect(child, into));
        }
    }

    private static JsonNode odd(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(9)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(random.nextLong());
            case 2 -> f.numberNode(-1);
            case 3 -> f.textNode("");
            case 4 -> f.textNode("not a date or id \u0000 \uD83D");
            case 5 -> f.arrayNode().add(f.objectNode());
            case 6 -> f.objectNode().put("x", 1);
            case 7 -> f.booleanNode(random.nextBoolean());
            default -> f.numberNode(1e308 * 10);
        };
    }

    private static JsonNode fixture(String name) {
        try (InputStream in = PlatformPageProperties.class.getResourceAsStream("/fixtures/" + name)) {
            return PostCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
