package io.socialpulse.post;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class EntitiesTest {

    @Test
    void findsHashtagsNormalizedToNfkcLowerCase() {
        assertEquals(List.of("java17", "café", "istanbul"),
                Entities.hashtags("Loving ＃ＪＡＶＡ１７ and #Cafe\u0301 in #İstanbul"));
    }

    @Test
    void skipsNumbersUrlFragmentsAndMidWordSigns() {
        assertEquals(List.of("real"), Entities.hashtags("#123 https://x.test/page#anchor a#b #real"));
    }

    @Test
    void keepsNonLatinTagsAndStopsAtPunctuation() {
        assertEquals(List.of("東京", "привет", "tag"), Entities.hashtags("#東京 #Привет, (#tag)."));
    }

    @Test
    void findsEachTagOnce() {
        assertEquals(List.of("dup"), Entities.hashtags("#dup #DUP #Dup"));
    }

    @Test
    void findsMentionsIncludingFediverseHandles() {
        assertEquals(List.of("support", "jane@fosstodon.example", "alice.bsky.social"),
                Entities.mentions("thanks @Support and @jane@fosstodon.example cc @alice.bsky.social! mail a@b"));
    }

    @Test
    void findsUrlsWithoutTrailingPunctuation() {
        assertEquals(List.of("https://example.com/a?b=1", "http://x.test"),
                Entities.urls("see https://example.com/a?b=1, and (http://x.test)."));
    }
}
