package io.socialpulse.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * VADER's view of a text: whitespace-separated tokens with punctuation stripped from both ends
 * (emoticons kept whole), emoji replaced by their Unicode names, and the ALL-CAPS test.
 */
final class VaderTokens {

    private VaderTokens() {
    }

    static List<String> tokens(String text) {
        List<String> words = new ArrayList<>();
        for (String raw : emojiAsWords(text).split("\\s+")) {
            String token = stripPunctuation(raw);
            if (token.length() > 1) {
                words.add(token);
            }
        }
        return words;
    }

    private static String emojiAsWords(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            boolean emoji = Character.getType(cp) == Character.OTHER_SYMBOL
                    && (cp >= 0x1F000 || (cp >= 0x2600 && cp <= 0x27BF));
            if (emoji) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 32).append(text, 0, i);
                }
                String name = Character.getName(cp);
                out.append(' ').append(name == null ? "" : name.toLowerCase(Locale.ROOT).replace('-', ' ')).append(' ');
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    private static String stripPunctuation(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && isPunctuation(token.charAt(start))) {
            start++;
        }
        while (end > start && isPunctuation(token.charAt(end - 1))) {
            end--;
        }
        // Emoticons are all punctuation: keep a token whose word part is too short to be a word.
        return end - start <= 2 ? token : token.substring(start, end);
    }

    private static boolean isPunctuation(char c) {
        return "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
    }

    static boolean isUpper(String word) {
        boolean upper = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            upper |= Character.isUpperCase(c);
        }
        return upper;
    }
}
