package io.socialpulse.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where alerts go besides the live stream ({@code ALERTS_*}). */
@ConfigMapping(prefix = "alerts")
public interface AlertsConfig {

    /**
     * {@code ALERTS_WEBHOOK_URL}: a Slack-compatible incoming webhook each alert is posted to, with
     * the top example posts of its term. https, or http to this machine. It often holds a token, so
     * it is never logged: only its host is.
     */
    Optional<String> webhookUrl();

    /**
     * {@code ALERTS_SNS_TOPIC_ARN}: an SNS topic each alert is published to (text for people, the
     * webhook's JSON for SQS, Lambda and HTTP subscribers). Uses the webhook's tries, backoff,
     * timeout and queue settings, counted on their own.
     */
    Optional<String> snsTopicArn();

    /** {@code ALERTS_SNS_ENDPOINT}: endpoint override for SNS (a VPC endpoint, a test). Default: AWS's. */
    Optional<URI> snsEndpoint();

    /** {@code ALERTS_WEBHOOK_ATTEMPTS}: tries per alert and channel before it is dropped and counted. Default 5. */
    @WithDefault("5")
    int webhookAttempts();

    /** {@code ALERTS_WEBHOOK_BACKOFF}: wait before the second try, doubled for each next one. Default 2s. */
    @WithDefault("2s")
    Duration webhookBackoff();

    /** {@code ALERTS_WEBHOOK_TIMEOUT}: longest wait for the receiver's answer. Default 5s. */
    @WithDefault("5s")
    Duration webhookTimeout();

    /** {@code ALERTS_WEBHOOK_QUEUE}: alerts waiting at most; one more is dropped and counted. Default 100. */
    @WithDefault("100")
    int webhookQueue();
}
