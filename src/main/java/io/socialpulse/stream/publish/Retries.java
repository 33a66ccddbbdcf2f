package io.socialpulse.stream.publish;

import java.time.Duration;
import java.util.List;

/**
 * Sends refused records round again, in order and at the front of their queues, unless they have
 * used up their attempts ({@code KINESIS_MAX_ATTEMPTS}) or their time to live; those are given up
 * with the reason a user reads in the dead letter.
 */
final class Retries {

    /** Puts a record back in its queue, at the front. */
    interface Requeue {
        void first(OutgoingRecord record);
    }

    private final PublisherSettings settings;
    private final PublisherStats stats;
    private final Requeue requeue;

    Retries(PublisherSettings settings, PublisherStats stats, Requeue requeue) {
        this.settings = settings;
        this.stats = stats;
        this.requeue = requeue;
    }

    /**
     * Queues {@code records} again after {@code notBefore} (nanoTime, 0: at once), or adds them to
     * {@code rejections}. {@code counts} is false when Kinesis never answered: an outage is not the
     * record's fault and only its time to live runs.
     */
    void retry(List<OutgoingRecord> records, String error, boolean counts, long notBefore, long now,
            List<Outcomes.Rejection> rejections) {
        for (int i = records.size() - 1; i >= 0; i--) {
            OutgoingRecord record = records.get(i);
            record.lastError = error;
            if (counts) {
                record.attempts++;
            }
            long age = now - record.enqueuedAt;
            if (record.attempts >= settings.maxAttempts() || age > settings.recordTtl().toNanos()) {
                rejections.add(new Outcomes.Rejection(record, "not accepted by Kinesis after " + record.attempts
                        + " refusals in " + Duration.ofNanos(age).toSeconds() + " s; last error " + error));
                continue;
            }
            stats.retried();
            record.notBefore = notBefore;
            requeue.first(record);
        }
    }
}
