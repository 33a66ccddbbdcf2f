package io.socialpulse.source.kit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A platform's answer: status, headers (names in lower case) and the body, read in full. */
public record HttpAnswer(URI uri, int status, Map<String, List<String>> headers, byte[] body) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * A header holding a time in seconds since the epoch (rate-limit resets), or null when it is
     * missing or not a plausible time: a bogus value must not throw or park a source for ages.
     */
    public Instant epochSeconds(String name) {
        String value = header(name).map(String::trim).orElse(null);
        try {
            long seconds = value == null ? -1 : Long.parseLong(value);
            return seconds > 0 && seconds < 100_000_000_000L ? Instant.ofEpochSecond(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A header holding a number (calls remaining in a rate window, seconds until it resets), or null
     * when it is missing or not a number. Decimals are read: Reddit sends {@code 596.0}.
     */
    public Double number(String name) {
        String value = header(name).map(String::trim).orElse(null);
        try {
            return value == null ? null : Double.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The calls a rate-limit header says remain, rounded down; -1 when it says nothing usable. */
    public long remaining(String name) {
        Double remaining = number(name);
        return remaining == null || remaining.isNaN() || remaining < 0 ? -1 : (long) Math.floor(remaining);
    }

    /** When {@code Retry-After} (seconds or an HTTP date) says to try again; null without one. */
    public Instant retryAfter(Instant now) {
        String value = header("retry-after").map(String::trim).orElse(null);
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 || seconds > 100_000_000L ? null : now.plusSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as text, cut to {@code max} characters, for error messages (scrub before printing). */
    public String excerpt(int max) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
