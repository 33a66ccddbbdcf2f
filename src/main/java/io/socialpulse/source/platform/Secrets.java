package io.socialpulse.source.platform;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of everything a user can read. Every token the service is configured with
 * is registered here at startup; {@link #scrub} removes them, and anything that looks like a
 * token in a URL or header, from text bound for logs, {@code /sources}, health or metrics.
 */
public final class Secrets {

    static final String MASK = "***";
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    private static final Pattern QUERY_TOKEN = Pattern.compile(
            "(?i)((?:access_token|client_secret|refresh_token|key|password|token)=)[^&\\s\"']+");
    private static final Pattern BEARER = Pattern.compile("(Bearer\\s+)[A-Za-z0-9._~+/=%-]{8,}");

    private Secrets() {
    }

    /** Remembers a secret so that it is never printed; short values are ignored (they are not secrets). */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 6) {
            KNOWN.add(secret);
        }
    }

    /** {@code text} with every known secret and token-like value replaced by {@code ***}. */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String clean = text;
        for (String secret : KNOWN) {
            if (clean.contains(secret)) {
                clean = clean.replace(secret, MASK);
            }
        }
        clean = QUERY_TOKEN.matcher(clean).replaceAll("$1" + MASK);
        return BEARER.matcher(clean).replaceAll("$1" + MASK);
    }
}
