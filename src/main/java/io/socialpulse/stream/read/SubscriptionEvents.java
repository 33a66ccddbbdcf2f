package io.socialpulse.stream.read;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import io.smallrye.mutiny.Uni;
import io.socialpulse.stream.read.ShardRead.Outcome;

import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;

/**
 * Takes the events of one subscription one at a time, asking for the next once the one before is
 * delivered. The subscription's end or failure waits for the delivery under way too, so that the
 * next subscription never hands records while these are still being handed.
 */
final class SubscriptionEvents implements Subscriber<SubscribeToShardEventStream> {

    private final CompletableFuture<Outcome> result;
    private final Function<SubscribeToShardEvent, Uni<Outcome>> delivery;
    private Subscription subscription;
    private boolean busy;
    private boolean over;
    private Outcome ending = Outcome.CONTINUE;
    private Throwable failure;

    /**
     * @param result completed with the outcome once the subscription is over and nothing is being delivered
     * @param delivery hands an event on; its outcome other than {@code CONTINUE} ends the subscription
     */
    SubscriptionEvents(CompletableFuture<Outcome> result, Function<SubscribeToShardEvent, Uni<Outcome>> delivery) {
        this.result = result;
        this.delivery = delivery;
    }

    @Override
    public void onSubscribe(Subscription s) {
        boolean cancel;
        synchronized (this) {
            subscription = s;
            cancel = over;
        }
        if (cancel) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(SubscribeToShardEventStream item) {
        if (!(item instanceof SubscribeToShardEvent event)) {
            subscription.request(1);
            return;
        }
        synchronized (this) {
            busy = true;
        }
        delivery.apply(event).subscribe().with(outcome -> {
            if (outcome != Outcome.CONTINUE) {
                end(outcome);
            }
            handed(null);
        }, this::handed);
    }

    /** The delivery of an event is done ({@code error}: it failed). */
    private void handed(Throwable error) {
        boolean next;
        synchronized (this) {
            busy = false;
            if (error != null && !over) {
                failure = error;
                over = true;
            }
            next = !over;
        }
        if (next) {
            subscription.request(1);
        } else {
            settle();
        }
    }

    /** An outcome decided here (the shard ended, the stop): given once the delivery under way is done. */
    void end(Outcome outcome) {
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
            ending = outcome;
            if (busy) {
                return;
            }
        }
        settle();
    }

    @Override
    public void onError(Throwable error) {
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
            failure = error;
            if (busy) {
                return; // settled once the delivery is done
            }
        }
        settle();
    }

    @Override
    public void onComplete() {
        end(Outcome.CONTINUE);
    }

    private void settle() {
        Throwable error;
        Outcome outcome;
        Subscription s;
        synchronized (this) {
            error = failure;
            outcome = ending;
            s = subscription;
        }
        boolean settled = error != null ? result.completeExceptionally(error) : result.complete(outcome);
        if (settled && s != null) {
            s.cancel();
        }
    }
}
