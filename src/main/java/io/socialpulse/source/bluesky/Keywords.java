package io.socialpulse.source.bluesky;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a post record is one the Jetstream source keeps: a configured word in its text (a whole
 * word, any case), or a configured tag in its facets, its {@code tags} or its text as a whole
 * {@code #tag}.
 */
final class Keywords {

    private Keywords() {
    }

    /** Whether a post record has one of the words (whole, any case) or one of the tags. */
    static boolean matches(JsonNode record, List<String> words, List<String> tags) {
        if (words.isEmpty() && tags.isEmpty()) {
            return true;
        }
        String text = record.path("text").asText("").toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (containsWord(text, word, 0)) {
                return true;
            }
        }
        for (JsonNode facet : record.path("facets")) {
            for (JsonNode feature : facet.path("features")) {
                if (feature.has("tag") && tags.contains(feature.get("tag").asText().toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        for (JsonNode tag : record.path("tags")) {
            if (tags.contains(tag.asText("").toLowerCase(Locale.ROOT).replaceFirst("^#", ""))) {
                return true;
            }
        }
        for (String tag : tags) {
            if (containsWord(text, "#" + tag, 0)) {
                return true;
            }
        }
        return false;
    }

    /** {@code word} in {@code text} with no letter or digit right before or after it: "rust" is not in "trust". */
    static boolean containsWord(String text, String word, int from) {
        int at = text.indexOf(word, from);
        while (at >= 0) {
            int end = at + word.length();
            boolean before = at == 0 || !wordChar(text.codePointBefore(at)) || !wordChar(word.codePointAt(0));
            boolean after = end >= text.length() || !wordChar(text.codePointAt(end))
                    || !wordChar(word.codePointBefore(word.length()));
            if (before && after) {
                return true;
            }
            at = text.indexOf(word, at + 1);
        }
        return false;
    }

    private static boolean wordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_';
    }
}
