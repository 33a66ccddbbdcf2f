package io.socialpulse.stream;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import io.socialpulse.config.KinesisConfig;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/** Wires the publisher and flushes it at stop, after the sources have stopped and before the reader stops. */
@Singleton
public class Publishers {

    private final KinesisConfig config;
    private KinesisPublisher publisher;

    Publishers(KinesisConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    synchronized KinesisPublisher publisher(KinesisAsyncClient client, DeadLetterSink deadLetters) {
        publisher = new KinesisPublisher(client, PublisherSettings.of(config), deadLetters);
        return publisher;
    }

    void onStop(@Observes @Priority(20) ShutdownEvent event) {
        KinesisPublisher current;
        synchronized (this) {
            current = publisher;
        }
        if (current != null) {
            current.close(config.publisher().flushTimeout());
        }
    }
}
