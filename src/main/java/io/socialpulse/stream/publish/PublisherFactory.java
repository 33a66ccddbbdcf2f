package io.socialpulse.stream.publish;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.socialpulse.config.KinesisConfig;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/** Wires the publisher, and tells the stop whether one was made (none is made while stopping). */
@Singleton
public class PublisherFactory {

    private final KinesisConfig config;
    private KinesisPublisher publisher;

    PublisherFactory(KinesisConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    synchronized KinesisPublisher publisher(KinesisAsyncClient client, DeadLetterSink deadLetters) {
        publisher = new KinesisPublisher(client, PublisherSettings.of(config), deadLetters);
        return publisher;
    }

    /** The publisher, if anything in this process has asked for one. */
    public synchronized Optional<KinesisPublisher> current() {
        return Optional.ofNullable(publisher);
    }
}
