package io.socialpulse.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.socialpulse.post.PostCodec;
import io.socialpulse.trends.Alert;
import io.socialpulse.trends.Driver;

/**
 * An alert as it is sent: a one-line {@code subject}, a {@code text} that reads well in a chat or
 * an e-mail (Slack link markup for the example posts), and the JSON a webhook receives: that text,
 * the alert and its example posts.
 */
public record AlertMessage(String subject, String text, String json) {

    static AlertMessage of(Alert alert, List<Driver.Example> examples) {
        String subject = String.format(Locale.ROOT, "%s%s is spiking: %d posts against %.1f usually (z %.1f)",
                alert.watched() ? "Watched " : "", alert.term(), alert.count(), alert.baseline(), alert.z());
        StringBuilder text = new StringBuilder(subject);
        for (Driver.Example example : examples) {
            text.append("\n• ").append(example.author() == null ? "someone" : example.author()).append(" on ")
                    .append(example.platform()).append(": ")
                    .append(example.url() == null
                            ? example.text()
                            : "<" + example.url() + "|" + slack(example.text()) + ">");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text.toString());
        body.put("alert", alert);
        body.put("examples", new ArrayList<>(examples));
        try {
            return new AlertMessage(subject, text.toString(), PostCodec.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Slack's link text may not hold its control characters. */
    private static String slack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "¦")
                .replace('\n', ' ');
    }
}
