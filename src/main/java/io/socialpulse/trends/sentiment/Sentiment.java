package io.socialpulse.trends.sentiment;

import java.util.OptionalDouble;

import io.socialpulse.post.Post;

/**
 * Which posts VADER can score, and their compound score. VADER's lexicon is English: a post the
 * platform marks as another language, or whose letters are mostly not Latin when no language is
 * given, is left unscored rather than scored wrongly.
 */
public final class Sentiment {

    private Sentiment() {
    }

    public static OptionalDouble compound(Post post) {
        String text = post.title() == null ? post.text() : post.title() + ". " + post.text();
        if (text == null || text.isBlank() || !english(post.lang(), text)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Vader.score(text).compound());
    }

    static boolean english(String lang, String text) {
        if (lang != null && !lang.isBlank()) {
            return lang.regionMatches(true, 0, "en", 0, 2) && (lang.length() == 2 || lang.charAt(2) == '-');
        }
        int letters = 0;
        int latin = 0;
        for (int i = 0; i < text.length() && letters < 200; i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                latin += c < 0x250 ? 1 : 0;
            }
        }
        return letters > 0 && latin * 10 >= letters * 8;
    }
}
