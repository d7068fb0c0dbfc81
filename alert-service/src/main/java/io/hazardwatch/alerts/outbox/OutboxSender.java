package io.hazardwatch.alerts.outbox;

import io.hazardwatch.alerts.outbox.Outbox.Outcome;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.NotifyException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;

/**
 * Hands one notification to the notifier of its channel and reports the outcome; never fails. A channel
 * without a notifier is a permanent failure (visible in the delivery status); a provider that does not
 * answer within the timeout counts as a retryable failure.
 */
public final class OutboxSender {

    private final Vertx vertx;
    private final Map<String, Notifier> notifiers;
    private final Duration timeout;

    public OutboxSender(Vertx vertx, Map<String, Notifier> notifiers, Duration timeout) {
        this.vertx = vertx;
        this.notifiers = Map.copyOf(notifiers);
        this.timeout = timeout;
    }

    public Future<Outcome> send(Notification notification) {
        Notifier notifier = notifiers.get(notification.recipient().channel());
        if (notifier == null) {
            return Future.succeededFuture(Outcome.failed("no notifier configured for channel '"
                    + notification.recipient().channel() + "'", false, null));
        }
        Promise<Outcome> outcome = Promise.promise();
        long timer = vertx.setTimer(timeout.toMillis(), id -> outcome.tryComplete(
                Outcome.failed("provider did not answer within " + timeout.toSeconds() + " s", true, null)));
        Future<io.hazardwatch.notify.Delivery> sent;
        try {
            sent = notifier.send(notification);
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                outcome.tryComplete(Outcome.accepted(result.result().providerId()));
            } else if (result.cause() instanceof NotifyException e) {
                outcome.tryComplete(Outcome.failed(e.getMessage(), e.retryable(), e.retryAfter()));
            } else {
                outcome.tryComplete(Outcome.failed(String.valueOf(result.cause()), true, null));
            }
        });
        return outcome.future();
    }
}
