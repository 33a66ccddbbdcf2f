package io.socialpulse.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.socialpulse.post.PostCodec;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes alerts to an SNS topic, one message per alert, shaped per subscriber: people (e-mail,
 * SMS, chat) get the text, machines (SQS, Lambda, HTTP, Firehose) get the webhook's JSON. The
 * region is the topic ARN's. The SDK does not retry: the channel does, so tries are counted in one
 * place; a throttle answers as a 429.
 */
final class TopicTransport implements AlertChannel.Transport {

    /** SNS subjects: printable ASCII, one line, at most 100 characters. */
    static final int SUBJECT_MAX = 100;

    private final String topicArn;
    private final SnsClient client;

    TopicTransport(String topicArn, Optional<URI> endpoint, Duration timeout, AwsCredentialsProvider credentials) {
        this.topicArn = topicArn;
        var builder = SnsClient.builder().region(Region.of(region(topicArn))).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)).apiCallTimeout(timeout));
        endpoint.ifPresent(builder::endpointOverride);
        this.client = builder.build();
    }

    /** The region of {@code arn:aws:sns:<region>:<account>:<name>}. */
    static String region(String topicArn) {
        String[] parts = topicArn.split(":", -1);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sns") || parts[3].isEmpty()) {
            throw new IllegalArgumentException("not an SNS topic ARN");
        }
        return parts[3];
    }

    @Override
    public int send(AlertMessage message) {
        try {
            client.publish(r -> r.topicArn(topicArn).subject(subject(message.subject())).messageStructure("json")
                    .message(structured(message)));
            return 200;
        } catch (AwsServiceException e) {
            return e.isThrottlingException() ? 429 : e.statusCode();
        }
    }

    static String subject(String text) {
        StringBuilder subject = new StringBuilder();
        for (int i = 0; i < text.length() && subject.length() < SUBJECT_MAX; i++) {
            char c = text.charAt(i);
            subject.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return subject.toString();
    }

    static String structured(AlertMessage message) {
        Map<String, String> perProtocol = new LinkedHashMap<>();
        perProtocol.put("default", message.text());
        for (String machine : new String[]{"sqs", "lambda", "http", "https", "firehose"}) {
            perProtocol.put(machine, message.json());
        }
        try {
            return PostCodec.mapper().writeValueAsString(perProtocol);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String describe() {
        return "the SNS topic " + topicArn.substring(topicArn.lastIndexOf(':') + 1);
    }

    @Override
    public void close() {
        client.close();
    }
}
