package io.socialpulse.alerts;

import java.net.URI;
import java.util.ArrayList;
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

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Sends each alert of the trend view's ticks to {@code ALERTS_WEBHOOK_URL} and to
 * {@code ALERTS_SNS_TOPIC_ARN}, when set, with the example posts of its term from the tick's
 * all-platforms minute. Counts what was sent, retried and dropped per channel
 * ({@code socialpulse.alerts.webhook.*}, {@code socialpulse.alerts.sns.*}).
 */
@Singleton
public class AlertDelivery {

    private final List<AlertChannel> channels = new ArrayList<>();

    void start(@Observes StartupEvent event, AlertsConfig config, TrendHub hub, MeterRegistry registry) {
        if (!hub.enabled()) {
            return;
        }
        config.webhookUrl().ifPresent(url -> channels.add(AlertChannel.webhook(URI.create(url.strip()),
                config.webhookAttempts(), config.webhookBackoff(), config.webhookTimeout(), config.webhookQueue())));
        config.snsTopicArn().ifPresent(arn -> channels.add(new AlertChannel("sns",
                new TopicTransport(arn.strip(), config.snsEndpoint(), config.webhookTimeout(),
                        DefaultCredentialsProvider.builder().build()),
                config.webhookAttempts(), config.webhookBackoff(), config.webhookQueue())));
        if (channels.isEmpty()) {
            return;
        }
        for (AlertChannel channel : channels) {
            String prefix = "socialpulse.alerts." + channel.name();
            FunctionCounter.builder(prefix + ".sent", channel, AlertChannel::sent).register(registry);
            FunctionCounter.builder(prefix + ".retries", channel, AlertChannel::retries).register(registry);
            for (String reason : channel.dropReasons()) {
                FunctionCounter.builder(prefix + ".dropped", channel, c -> c.dropped(reason)).tag("reason", reason)
                        .register(registry);
            }
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
            for (AlertChannel channel : channels) {
                channel.offer(alert, examples);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        channels.forEach(AlertChannel::close);
    }
}
