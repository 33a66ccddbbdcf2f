package io.socialpulse.sentiment;

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

    /** The post's compound score: the one it carries, else computed now; empty for text VADER cannot score. */
    public static OptionalDouble compound(Post post) {
        if (post.sentiment() != null) {
            return OptionalDouble.of(post.sentiment().compound());
        }
        Post.Scores scores = scores(post);
        return scores == null ? OptionalDouble.empty() : OptionalDouble.of(scores.compound());
    }

    /** VADER's scores of the post's title and text, or null when they are not English or empty. */
    public static Post.Scores scores(Post post) {
        String text = post.title() == null ? post.text() : post.title() + ". " + post.text();
        if (text == null || text.isBlank() || !english(post.lang(), text)) {
            return null;
        }
        Vader.Scores scores = Vader.score(text);
        return new Post.Scores(scores.compound(), scores.pos(), scores.neu(), scores.neg());
    }

    /** The post with its scores, computed once where it is collected; as it is when it has them or none apply. */
    public static Post scored(Post post) {
        if (post.sentiment() != null || "delete".equals(post.kind())) {
            return post;
        }
        Post.Scores scores = scores(post);
        return scores == null ? post : post.scored(scores);
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
