package io.socialpulse.bench;

import java.nio.ByteBuffer;
import java.util.List;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.services.kinesis.producer.KinesisProducer;
import com.amazonaws.services.kinesis.producer.KinesisProducerConfiguration;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;

/**
 * The Kinesis Producer Library 0.15.12 sending the benchmark's posts to the stub's TLS port, with
 * its defaults (aggregation on, 100 ms buffering) and metrics off. Its native daemon is a child
 * process, so the meter counts its CPU and memory too. Every endpoint it knows of points at the
 * stub, and the benchmark starts it with AWS_EC2_METADATA_DISABLED so that it never looks for an
 * instance metadata service. Prints the same line as {@link ProducerRun}.
 * Arguments: body bytes, posts, TLS port.
 */
public final class KplRun {

    public static void main(String[] args) throws Exception {
        ProducerRun.quietLogs();
        List<Post> posts = ProducerRun.posts(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        KinesisProducerConfiguration config = new KinesisProducerConfiguration()
                .setRegion("us-east-1")
                .setKinesisEndpoint("127.0.0.1")
                .setKinesisPort(Long.parseLong(args[2]))
                .setStsEndpoint("127.0.0.1")
                .setStsPort(Long.parseLong(args[2]))
                .setCloudwatchEndpoint("127.0.0.1")
                .setCloudwatchPort(Long.parseLong(args[2]))
                .setVerifyCertificate(false)
                .setMetricsLevel("none")
                .setLogLevel("warning")
                .setCredentialsProvider(new AWSStaticCredentialsProvider(new BasicAWSCredentials("bench", "bench")));
        KinesisProducer producer = new KinesisProducer(config);
        int warmUp = posts.size() / ProducerRun.WARM_UP_SHARE;
        send(producer, posts.subList(0, warmUp)); // untimed, as for the others
        ProducerRun.Meter meter = ProducerRun.Meter.start();
        send(producer, posts.subList(warmUp, posts.size()));
        meter.report(posts.size() - warmUp);
        producer.destroy();
        System.exit(0);
    }

    private static void send(KinesisProducer producer, List<Post> posts) throws InterruptedException {
        for (Post post : posts) {
            // The usual KPL back-pressure: hold off while too much is outstanding.
            while (producer.getOutstandingRecordsCount() > 10_000) {
                Thread.sleep(1);
            }
            producer.addUserRecord(ProducerRun.STREAM, post.id(), ByteBuffer.wrap(PostCodec.encode(post)));
        }
        producer.flushSync();
    }
}
