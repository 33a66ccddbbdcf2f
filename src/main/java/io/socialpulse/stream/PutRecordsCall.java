package io.socialpulse.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Sends one batch until every entry is accepted: entries the response marks as failed are sent
 * again (and only they), a failed request is sent again whole, each time after a backoff. A
 * request the service rejects as invalid is not retried: its records go to the dead letter.
 */
final class PutRecordsCall {

    /** Whole-request errors that no retry can fix. */
    private static final Set<String> INVALID = Set.of("ValidationException", "InvalidArgumentException");

    private final KinesisAsyncClient client;
    private final PublisherSettings settings;
    private final PublisherStats stats;
    private final Consumer<OutgoingRecord> accepted;
    private final BiConsumer<OutgoingRecord, String> rejected;

    PutRecordsCall(KinesisAsyncClient client, PublisherSettings settings, PublisherStats stats,
            Consumer<OutgoingRecord> accepted, BiConsumer<OutgoingRecord, String> rejected) {
        this.client = client;
        this.settings = settings;
        this.stats = stats;
        this.accepted = accepted;
        this.rejected = rejected;
    }

    /** Completes when the batch is settled; never fails, so one batch cannot stop the pipeline. */
    Uni<Void> send(List<OutgoingRecord> batch) {
        Attempts attempts = new Attempts(batch);
        return Multi.createBy().repeating().uni(() -> attempt(attempts)).until(settled -> settled)
                .collect().last().replaceWithVoid();
    }

    private static final class Attempts {
        List<OutgoingRecord> pending;
        int failures;

        Attempts(List<OutgoingRecord> batch) {
            pending = batch;
        }
    }

    private Uni<Boolean> attempt(Attempts attempts) {
        Duration wait = settings.backoff().delay(attempts.failures);
        Uni<Void> pause = wait.isZero()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
        List<OutgoingRecord> sending = attempts.pending;
        PutRecordsRequest request = PutRecordsRequest.builder()
                .streamName(settings.stream())
                .records(sending.stream().map(OutgoingRecord::entry).toList())
                .build();
        return pause.chain(() -> Uni.createFrom().completionStage(() -> client.putRecords(request)))
                .map(response -> settle(attempts, sending, response))
                .onFailure().recoverWithItem(failure -> requestFailed(attempts, sending, failure));
    }

    private boolean settle(Attempts attempts, List<OutgoingRecord> sending, PutRecordsResponse response) {
        List<PutRecordsResultEntry> results = response.records();
        List<OutgoingRecord> failed = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < sending.size(); i++) {
            OutgoingRecord record = sending.get(i);
            PutRecordsResultEntry result = i < results.size() ? results.get(i) : null;
            if (result != null && result.errorCode() == null) {
                bytes += record.size();
                accepted.accept(record);
            } else {
                stats.entryFailed(result == null ? "MissingResult" : result.errorCode());
                failed.add(record);
            }
        }
        stats.put(sending.size() - failed.size(), bytes);
        attempts.pending = failed;
        if (!failed.isEmpty()) {
            attempts.failures++;
            Log.warnf("stream %s: resending %d of %d entries (attempt %d), first error %s", settings.stream(),
                    failed.size(), sending.size(), attempts.failures + 1, firstError(results));
        }
        return failed.isEmpty();
    }

    private boolean requestFailed(Attempts attempts, List<OutgoingRecord> sending, Throwable failure) {
        String code = errorCode(failure);
        stats.requestFailed(code);
        if (INVALID.contains(code)) {
            sending.forEach(
                    record -> rejected.accept(record, "PutRecords rejected the request: " + failure.getMessage()));
            return true;
        }
        attempts.failures++;
        Log.warnf("stream %s: PutRecords of %d entries failed (%s), retrying (attempt %d)", settings.stream(),
                sending.size(), code, attempts.failures + 1);
        return false;
    }

    static String errorCode(Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    && aws.awsErrorDetails().errorCode() != null) {
                return aws.awsErrorDetails().errorCode();
            }
            cause = cause.getCause();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private static String firstError(List<PutRecordsResultEntry> results) {
        return results.stream().filter(r -> r.errorCode() != null).findFirst()
                .map(r -> r.errorCode() + ": " + r.errorMessage()).orElse("missing result entries");
    }
}
