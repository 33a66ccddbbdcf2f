package io.socialpulse.source.linkedin;

import java.util.ArrayList;
import java.util.List;

import io.socialpulse.post.Entities;

/**
 * LinkedIn's "little text", the markup of a post's {@code commentary}: a hashtag is written
 * {@code {hashtag|\#|tag}}, a mention {@code @[Name](urn:li:organization:123)}, and each reserved
 * character ({@code | { } @ [ ] ( ) < > # \ * _ ~}) is escaped with a backslash. Read into the
 * plain text a person sees, with the hashtags and the mentioned URNs the markup names.
 */
record LittleText(String text, List<String> hashtags, List<String> mentions) {

    private static final String RESERVED = "|{}@[]()<>#\\*_~";

    static LittleText parse(String commentary) {
        StringBuilder out = new StringBuilder(commentary.length());
        List<String> hashtags = new ArrayList<>();
        List<String> mentions = new ArrayList<>();
        int i = 0;
        while (i < commentary.length()) {
            char c = commentary.charAt(i);
            if (c == '\\' && i + 1 < commentary.length() && RESERVED.indexOf(commentary.charAt(i + 1)) >= 0) {
                out.append(commentary.charAt(i + 1));
                i += 2;
            } else if (c == '{' && commentary.startsWith("{hashtag|", i)) {
                int end = closing(commentary, i + 1, '}');
                String[] parts = end < 0 ? null : splitUnescaped(commentary.substring(i + 1, end));
                if (parts == null || parts.length != 3) {
                    out.append(c);
                    i++;
                    continue;
                }
                String tag = unescape(parts[2]);
                out.append('#').append(tag);
                String key = Entities.normalize(tag);
                if (!key.isEmpty() && !hashtags.contains(key)) {
                    hashtags.add(key);
                }
                i = end + 1;
            } else if (c == '@' && i + 1 < commentary.length() && commentary.charAt(i + 1) == '[') {
                int nameEnd = closing(commentary, i + 2, ']');
                int urnEnd = nameEnd < 0 || nameEnd + 1 >= commentary.length() || commentary.charAt(nameEnd + 1) != '('
                        ? -1
                        : closing(commentary, nameEnd + 2, ')');
                if (urnEnd < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                out.append(unescape(commentary.substring(i + 2, nameEnd)));
                String urn = commentary.substring(nameEnd + 2, urnEnd).strip();
                if (urn.startsWith("urn:li:") && !mentions.contains(urn)) {
                    mentions.add(urn);
                }
                i = urnEnd + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        String text = out.toString();
        if (hashtags.isEmpty()) {
            hashtags.addAll(Entities.hashtags(text)); // a post written without markup (older posts, other clients)
        }
        return new LittleText(text, hashtags, mentions);
    }

    /** The index of the first unescaped {@code close} from {@code from}, or -1. */
    private static int closing(String s, int from, char close) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == close) {
                return i;
            }
        }
        return -1;
    }

    private static String[] splitUnescaped(String inner) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                parts.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(inner.substring(start));
        return parts.toArray(String[]::new);
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && RESERVED.indexOf(s.charAt(i + 1)) >= 0) {
                out.append(s.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
