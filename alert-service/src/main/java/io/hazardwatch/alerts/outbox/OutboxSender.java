package io.hazardwatch.alerts.outbox;

import io.hazardwatch.alerts.escalation.EscalationPlanner;
import io.hazardwatch.alerts.outbox.Outbox.Outcome;
import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.dispatch.DispatchClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hands one outgoing notification to the notifier of its channel (or, for channel {@code dispatch}, to the emergency
 * {@link DispatchClient} when one is configured) and reports the outcome; never fails. A channel without a
 * notifier is a permanent failure (visible in the delivery status); a provider that does not answer within
 * the timeout counts as a retryable failure.
 */
public final class OutboxSender {

    private final Vertx vertx;
    private final Map<String, Notifier> notifiers;
    private final DispatchClient dispatch;
    private final Duration timeout;
    private final java.util.function.Consumer<Outcome> outcomes;
    /** Writes the messages (names, language, links). */
    private final NotificationText text;

    /** @param dispatch the emergency dispatch client, or null (then channel {@code dispatch} needs a notifier) */
    public OutboxSender(Vertx vertx, Map<String, Notifier> notifiers, DispatchClient dispatch, Duration timeout) {
        this(vertx, notifiers, dispatch, timeout, outcome -> { });
    }

    /** @param outcomes told the outcome of every attempt (the watchdog counts failures in a row) */
    public OutboxSender(Vertx vertx, Map<String, Notifier> notifiers, DispatchClient dispatch, Duration timeout,
                        java.util.function.Consumer<Outcome> outcomes) {
        this(vertx, notifiers, dispatch, timeout, outcomes, (String) null);
    }

    /** @param boardUrl the board's public address, linked from feedback requests (null: no links) */
    public OutboxSender(Vertx vertx, Map<String, Notifier> notifiers, DispatchClient dispatch, Duration timeout,
                        java.util.function.Consumer<Outcome> outcomes, String boardUrl) {
        this(vertx, notifiers, dispatch, timeout, outcomes, NotificationText.plain(boardUrl));
    }

    /** @param text writes the messages: the registry's names, each person's language and acknowledge link */
    public OutboxSender(Vertx vertx, Map<String, Notifier> notifiers, DispatchClient dispatch, Duration timeout,
                        java.util.function.Consumer<Outcome> outcomes, NotificationText text) {
        this.text = text;
        this.vertx = vertx;
        this.notifiers = Map.copyOf(notifiers);
        this.dispatch = dispatch;
        this.timeout = timeout;
        this.outcomes = outcomes;
    }

    public OutboxSender(Vertx vertx, Map<String, Notifier> notifiers, Duration timeout) {
        this(vertx, notifiers, null, timeout);
    }

    public Future<Outcome> send(OutgoingNotification outgoing) {
        return attempt(outgoing).onSuccess(outcomes::accept);
    }

    private Future<Outcome> attempt(OutgoingNotification outgoing) {
        if (dispatch != null && outgoing.channel().equals(EscalationPlanner.DISPATCH_CHANNEL)) {
            return attempt(() -> dispatch.send(NotificationText.dispatchEvent(outgoing)));
        }
        Notification notification = text.of(outgoing);
        Notifier notifier = notifiers.get(notification.recipient().channel());
        if (notifier == null) {
            return Future.succeededFuture(Outcome.failed("no notifier configured for channel '"
                    + notification.recipient().channel() + "'", false, null));
        }
        return attempt(() -> notifier.send(notification));
    }

    private Future<Outcome> attempt(Supplier<Future<Delivery>> send) {
        Promise<Outcome> outcome = Promise.promise();
        long timer = vertx.setTimer(timeout.toMillis(), id -> outcome.tryComplete(
                Outcome.failed("provider did not answer within " + timeout.toSeconds() + " s", true, null)));
        Future<Delivery> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                outcome.tryComplete(Outcome.accepted(result.result().providerId(), result.result().sentAt()));
            } else if (result.cause() instanceof NotifyException e) {
                outcome.tryComplete(Outcome.failed(e.getMessage(), e.retryable(), e.retryAfter()));
            } else {
                outcome.tryComplete(Outcome.failed(String.valueOf(result.cause()), true, null));
            }
        });
        return outcome.future();
    }
}
