package io.socialpulse.source.kit;

import java.nio.charset.StandardCharsets;
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
            "(?i)((?:access_token|client_secret|refresh_token|appsecret_proof|key|password|token)=)[^&\\s\"']+");
    private static final Pattern BEARER = Pattern.compile("(Bearer\\s+)[A-Za-z0-9._~+/=%-]{8,}");
    /** JSON members that carry credentials in platform answers (Bluesky sessions, OAuth token answers). */
    private static final Pattern JSON_SECRET = Pattern.compile(
            "(?i)(\"(?:accessJwt|refreshJwt|access_token|refresh_token|id_token|client_secret|password|token)\"\\s*:\\s*\")"
                    + "(?:[^\"\\\\]|\\\\.)*\"");
    /** A JSON Web Token anywhere: three base64url parts, the first a JSON header. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");

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

    /**
     * A platform's answer fit to store as a dead letter: read as UTF-8 (what is not text is
     * replaced), with {@link #scrub} applied and credential members of JSON and web tokens masked.
     * Dead letters are kept for people to read, so they are held to the same rule as logs.
     */
    public static byte[] scrubBody(byte[] body) {
        String text = scrub(new String(body, StandardCharsets.UTF_8));
        text = JSON_SECRET.matcher(text).replaceAll("$1" + MASK + "\"");
        return JWT.matcher(text).replaceAll(MASK).getBytes(StandardCharsets.UTF_8);
    }
}
