package io.socialpulse.source.facebook;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.socialpulse.post.PostCodec;
import io.socialpulse.source.kit.HttpAnswer;
import io.socialpulse.source.kit.Json;
import io.socialpulse.source.kit.PlatformException;
import io.socialpulse.source.kit.PlatformException.Kind;
import io.socialpulse.source.kit.RateGovernor;
import io.socialpulse.source.kit.StatusLadder;

/**
 * How the Graph API (Facebook and Instagram) signals trouble. Throttling comes as HTTP 400 or 403
 * with an error code in the body (4, 17, 32, 613, 80001 and the other 800xx use-case limits), never
 * as a 429; usage is reported as percentages in {@code x-app-usage} and
 * {@code x-business-use-case-usage}, with {@code estimated_time_to_regain_access} in minutes.
 */
public final class GraphErrors {

    private GraphErrors() {
    }

    /** The highest usage percentage and the longest regain time the headers report. */
    public record Usage(int percent, Duration regain) {
    }

    public static Usage usage(HttpAnswer answer) {
        int percent = 0;
        long minutes = 0;
        for (String header : new String[]{"x-app-usage", "x-business-use-case-usage", "x-ad-account-usage"}) {
            String value = answer.header(header).orElse(null);
            if (value == null) {
                continue;
            }
            try {
                JsonNode node = PostCodec.mapper().readTree(value);
                for (JsonNode entry : entries(node)) {
                    for (String field : new String[]{"call_count", "total_cputime", "total_time"}) {
                        percent = Math.max(percent, entry.path(field).asInt(0));
                    }
                    minutes = Math.max(minutes, entry.path("estimated_time_to_regain_access").asLong(0));
                }
            } catch (IOException e) {
                // An unreadable usage header tells us nothing; the answer itself is still good.
            }
        }
        return new Usage(percent, Duration.ofMinutes(minutes));
    }

    /** The usage objects in a header: the object itself, or the lists under each business id. */
    private static Iterable<JsonNode> entries(JsonNode node) {
        List<JsonNode> found = new ArrayList<>();
        if (node.has("call_count") || node.has("total_time")) {
            found.add(node);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
            JsonNode child = it.next();
            if (child.isArray()) {
                child.forEach(found::add);
            }
        }
        return found;
    }

    /**
     * A good answer: the bucket is told, and parked when the usage headers reach 100 % (Graph
     * throttles the next call then), for the regain time they give.
     */
    public static void succeeded(RateGovernor.Bucket bucket, HttpAnswer answer,
            Instant now, String platform) {
        Usage usage = usage(answer);
        bucket.succeeded(-1, null);
        if (usage.percent() >= 100) {
            bucket.failed(new PlatformException(Kind.QUOTA, platform + " usage at " + usage.percent() + "%",
                    usage.regain().isZero() ? null : now.plus(usage.regain()), null));
        }
    }

    /**
     * A {@code paging.next} link fit to store and follow: without its {@code access_token} (Graph
     * puts the token there; cursors are stored, so it must not be), and only if it points at the
     * configured host, because the token is sent with it.
     */
    public static String nextPage(String next, String baseUrl, String platform, HttpAnswer answer) {
        URI uri = URI.create(next);
        URI base = URI.create(baseUrl);
        if (!base.getHost().equalsIgnoreCase(uri.getHost())) {
            throw PlatformException.of(Kind.MALFORMED, platform + " paging.next points at another host ("
                    + uri.getHost() + "); not following it", answer);
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery().replaceAll("(^|&)access_token=[^&]*", "");
        query = query.startsWith("&") ? query.substring(1) : query;
        return base.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()
                + (query.isEmpty() ? "" : "?" + query);
    }

    /** The failure an error answer means, for a user reading {@code what} and the variable named. */
    public static PlatformException failure(HttpAnswer answer, Instant now, String platform, String tokenVariable) {
        Usage usage = usage(answer);
        Instant regain = usage.regain().isZero() ? null : now.plus(usage.regain());
        JsonNode error;
        try {
            error = Json.parse(answer).path("error");
        } catch (PlatformException notJson) {
            return answer.status() >= 500
                    ? PlatformException.of(Kind.TRANSIENT, platform + " answered HTTP " + answer.status(), answer)
                    : PlatformException.of(Kind.MALFORMED,
                            platform + " answered HTTP " + answer.status() + " without a Graph error", answer);
        }
        int code = error.path("code").asInt(-1);
        int subcode = error.path("error_subcode").asInt(-1);
        String message = "(#" + code + (subcode > 0 ? "/" + subcode : "") + ") " + error.path("message").asText("");
        switch (code) {
            case 4, 17, 32, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80014 -> {
                return new PlatformException(Kind.QUOTA, platform + " rate limit reached " + message
                        + (regain == null ? "" : "; access regained in about " + usage.regain().toMinutes() + " min"),
                        regain, answer);
            }
            case 100 -> {
                if (subcode == 33) {
                    // The id is wrong or the token may not read it. Graph says this when throttling too
                    // (airbyte#4028), so it is tried again, with a growing wait, and shown as a failing setting.
                    return new PlatformException(Kind.REQUEST, platform + " cannot read the object " + message
                            + "; check the id, and that the token has pages_read_engagement (or Page Public Content"
                            + " Access for a page the app does not manage)", null, answer);
                }
                return PlatformException.of(Kind.REQUEST, platform + " refused the request " + message);
            }
            case 102, 190, 463, 467 -> {
                return PlatformException.of(Kind.AUTH,
                        platform + " refused the access token " + message + "; check " + tokenVariable);
            }
            case 10, 200, 298, 299 -> {
                return PlatformException.of(Kind.AUTH,
                        platform + " says the token lacks a permission " + message + "; check " + tokenVariable);
            }
            case 1, 2 -> {
                return PlatformException.of(Kind.TRANSIENT, platform + " had a temporary problem " + message);
            }
            default -> {
                if (error.path("is_transient").asBoolean(false)) {
                    return PlatformException.of(Kind.TRANSIENT, platform + " had a temporary problem " + message);
                }
                // A code not known here reads by its status, as every platform's does; a 403 of an
                // unknown code is a refused request, not a credential to replace.
                return StatusLadder.of(platform).noAuth()
                        .window((status, detail) -> platform + " rate limit reached (HTTP " + status + ") " + detail)
                        .fault((status, detail) -> platform + " answered HTTP " + status + " " + detail)
                        .refused((status, detail) -> platform + " refused the request " + detail)
                        .classify(answer, regain, message);
            }
        }
    }
}
