package io.socialpulse.alerts;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.socialpulse.config.AlertsConfig;
import io.socialpulse.trends.Alert;
import io.socialpulse.trends.Driver;
import io.socialpulse.trends.HubEvent;
import io.socialpulse.trends.TrendHub;
import io.socialpulse.trends.TrendSnapshot;

/**
 * Sends each alert of the trend view's ticks to {@code ALERTS_WEBHOOK_URL}, when set, with the
 * example posts of its term from the tick's all-platforms minute. Counts what was sent, retried
 * and dropped ({@code socialpulse.alerts.webhook.*}).
 */
@Singleton
public class AlertDelivery {

    private AlertWebhook webhook;

    void start(@Observes StartupEvent event, AlertsConfig config, TrendHub hub, MeterRegistry registry) {
        if (config.webhookUrl().isEmpty() || !hub.enabled()) {
            return;
        }
        webhook = new AlertWebhook(URI.create(config.webhookUrl().get().strip()), config.webhookAttempts(),
                config.webhookBackoff(), config.webhookTimeout(), config.webhookQueue());
        AlertWebhook w = webhook;
        FunctionCounter.builder("socialpulse.alerts.webhook.sent", w, AlertWebhook::sent).register(registry);
        FunctionCounter.builder("socialpulse.alerts.webhook.retries", w, AlertWebhook::retries).register(registry);
        for (String reason : w.dropReasons()) {
            FunctionCounter.builder("socialpulse.alerts.webhook.dropped", w, x -> x.dropped(reason))
                    .tag("reason", reason).register(registry);
        }
        hub.events().subscribe().with(this::deliver);
    }

    private void deliver(HubEvent event) {
        if (event.isPing() || event.alerts().isEmpty()) {
            return;
        }
        TrendSnapshot minute = event.scopes().get(HubEvent.key("all", "1m"));
        for (Alert alert : event.alerts()) {
            List<Driver.Example> examples = minute == null || minute.influencers() == null
                    ? List.of()
                    : minute.influencers().drivers().stream().filter(d -> d.tag().equals(alert.term()))
                            .findFirst().map(Driver::examples).orElse(List.of());
            webhook.offer(alert, examples);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (webhook != null) {
            webhook.close();
        }
    }
}
