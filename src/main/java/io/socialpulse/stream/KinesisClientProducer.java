package io.socialpulse.stream;

import java.time.Duration;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.socialpulse.config.KinesisConfig;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * The Kinesis client. There is no Quarkus extension for Kinesis that resolves for us, so the SDK
 * client is built here: netty with HTTP/2, which Kinesis needs for SubscribeToShard and which
 * multiplexes the publisher's concurrent PutRecords on one connection. Credentials come from the
 * SDK's default chain (environment, system properties, the ECS task role).
 */
public class KinesisClientProducer {

    @Produces
    @Singleton
    KinesisAsyncClient asyncClient(KinesisConfig config) {
        return build(config);
    }

    void close(@Disposes KinesisAsyncClient client) {
        client.close();
    }

    public static KinesisAsyncClient build(KinesisConfig config) {
        var builder = KinesisAsyncClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP2)
                        .maxConcurrency(64)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .readTimeout(Duration.ofSeconds(30)))
                // An HTTP/2 stream left without an answer (a connection gone quiet after a reset) is
                // not always ended by the read timeout: every attempt has a deadline of its own.
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(Duration.ofSeconds(30)));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
