package io.hazardwatch.alerts.outbox;

import io.hazardwatch.alerts.escalation.EscalationPlanner;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.DeliveryStatus;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.outbox.OutgoingNotification.Item;
import io.hazardwatch.alerts.policy.AlertingPolicy.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decisions of the outbox, without I/O: which persisted messages are due and how they are grouped, how a
 * storm is held back, and what an attempt's outcome does to a message.
 *
 * <p>Storms: IM robots take about 20 messages a minute and people cannot read more. When a message to a
 * recipient about an enterprise follows another one to the same recipient about the same enterprise within
 * the storm window, it is held until the window ends; everything held for that recipient then goes out as
 * one grouped notification.
 */
public final class Outbox {

    /**
     * How an attempt ended: accepted (with the provider's id and the send time the message carries, if any), or failed
     * (retryable or not, retry hint).
     */
    public record Outcome(boolean accepted, String providerId, boolean retryable, Duration retryAfter, String error,
                          Instant sentAt) {
        public static Outcome accepted(String providerId) {
            return accepted(providerId, null);
        }

        public static Outcome accepted(String providerId, Instant sentAt) {
            return new Outcome(true, providerId, false, null, null, sentAt);
        }

        public static Outcome failed(String error, boolean retryable, Duration retryAfter) {
            return new Outcome(false, null, retryable, retryAfter, error, null);
        }
    }

    private Outbox() {
    }

    /** The due messages, grouped by recipient and enterprise; dispatch messages are never grouped. */
    public static List<OutgoingNotification> due(Collection<Incident> incidents, Set<String> inFlight, Instant now) {
        Map<String, List<Item>> groups = new LinkedHashMap<>();
        for (Incident incident : incidents) {
            for (DeliveryRecord d : incident.deliveries()) {
                if (!d.dueAt(now) || inFlight.contains(d.id())) {
                    continue;
                }
                String group = d.channel().equals(EscalationPlanner.DISPATCH_CHANNEL) ? d.id()
                        : d.channel() + "|" + d.address() + "|" + incident.alarm().enterprise();
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(new Item(incident, d));
            }
        }
        List<OutgoingNotification> notifications = new ArrayList<>();
        for (List<Item> items : groups.values()) {
            DeliveryRecord first = items.get(0).delivery();
            notifications.add(new OutgoingNotification(first.channel(), first.address(), first.recipient(),
                    items.get(0).incident().alarm().enterprise(), List.copyOf(items)));
        }
        return notifications;
    }

    /**
     * Holds newly queued messages back when the same recipient got (or is about to get) a message about the
     * same enterprise within {@code window}.
     */
    public static List<DeliveryRecord> holdForStorm(List<DeliveryRecord> queued, String enterprise,
                                                    Collection<Incident> incidents, Duration window, Instant now) {
        if (window.isZero()) {
            return queued;
        }
        List<DeliveryRecord> held = new ArrayList<>();
        for (DeliveryRecord d : queued) {
            Instant last = null;
            for (Incident incident : incidents) {
                if (!enterprise.equals(incident.alarm().enterprise())) {
                    continue;
                }
                for (DeliveryRecord other : incident.deliveries()) {
                    if (other.id().equals(d.id()) || !other.channel().equals(d.channel())
                            || !other.address().equals(d.address())) {
                        continue;
                    }
                    Instant at = other.status() == DeliveryStatus.SENT || other.status() == DeliveryStatus.DELIVERED
                            ? other.updatedAt() : other.status().isPending() ? other.nextAttemptAt() : null;
                    if (at != null && (last == null || at.isAfter(last))) {
                        last = at;
                    }
                }
            }
            boolean dispatch = d.channel().equals(EscalationPlanner.DISPATCH_CHANNEL);
            if (dispatch || last == null || !last.plus(window).isAfter(now)) {
                held.add(d);
            } else {
                // join a message still waiting, or wait for the window after the last one sent
                held.add(d.heldUntil(last.isAfter(now) ? last : last.plus(window)));
            }
        }
        return held;
    }

    /**
     * The message after one attempt: SENT, RETRYING with back-off (or the provider's Retry-After), or FAILED.
     * Emergency dispatch is retried until accepted: a retryable failure never exhausts its attempts (the
     * back-off stays at {@code retry.max}); only a refusal that a retry cannot fix fails it.
     */
    public static DeliveryRecord afterAttempt(DeliveryRecord d, Outcome outcome, RetryPolicy retry, Instant now) {
        if (outcome.accepted()) {
            return d.sent(outcome.providerId(), outcome.sentAt() != null ? outcome.sentAt() : now, now);
        }
        boolean untilAccepted = d.channel().equals(EscalationPlanner.DISPATCH_CHANNEL);
        if (!outcome.retryable() || (!untilAccepted && d.attempts() + 1 >= retry.attempts())) {
            return d.failed(outcome.error(), now);
        }
        Duration wait = retry.delayAfter(d.attempts() + 1);
        if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(wait) > 0) {
            wait = outcome.retryAfter();
        }
        return d.retrying(outcome.error(), now.plus(wait), now);
    }
}
