package io.socialpulse.source.kit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.socialpulse.source.SourceStatus;

/**
 * Where one source keeps what it cannot read: a whole answer, or one item of an otherwise good page,
 * scrubbed of secrets, in the dead letters under {@code pages/}. The same answer given again is kept
 * once; a failure to keep it is logged and never stops the source.
 */
final class Quarantine {

    private final PlatformContext context;
    private final String sourceId;
    /** The body of the answer kept last: the platform may give the same broken page on every poll. */
    private int lastAnswer;

    Quarantine(PlatformContext context, String sourceId) {
        this.context = context;
        this.sourceId = sourceId;
    }

    /** Keeps the answer {@code problem} came with, unless it was the last one kept. */
    Uni<Void> answer(PlatformException problem, SourceStatus status) {
        HttpAnswer answer = problem.answer();
        if (answer == null || Arrays.hashCode(answer.body()) == lastAnswer) {
            return Uni.createFrom().voidItem();
        }
        lastAnswer = Arrays.hashCode(answer.body());
        String name = sourceId + "/" + context.clock().millis() + "-" + answer.status();
        String reason = problem.getMessage() + " (from " + Secrets.scrub(answer.uri().toString()) + ")";
        status.quarantine();
        return context.deadLetters().store("pages", name, Secrets.scrubBody(answer.body()), reason)
                .onFailure()
                .invoke(f -> Log.errorf("source %s: could not quarantine a page: %s", sourceId, f.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Keeps one item of {@code answer}'s page in the background; the rest of the page goes on. */
    void item(HttpAnswer answer, JsonNode item, String reason, SourceStatus status) {
        status.quarantine();
        byte[] body = item.toString().getBytes(StandardCharsets.UTF_8);
        String name = sourceId + "/" + context.clock().millis() + "-item-" + Integer.toHexString(item.hashCode());
        String where = answer == null ? "" : " (from " + Secrets.scrub(answer.uri().toString()) + ")";
        Log.warnf("source %s: %s; the item is quarantined, the rest of the page kept", sourceId, reason);
        context.deadLetters().store("pages", name, Secrets.scrubBody(body), reason + where)
                .subscribe().with(ok -> {
                }, f -> Log.errorf("source %s: could not quarantine an item: %s", sourceId, f.getMessage()));
    }
}
