package io.hazardwatch.alerts.outbox;

import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.DeliveryStatus;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.local.LocalNotifier;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Every message that went or would go out, read from the one place they are kept: the outboxes of the incidents (their
 * delivery records). The text is the one {@link NotificationText} writes for the message, from the incident as it is
 * now. No I/O: the Messages page's endpoint filters and draws these.
 */
public final class MessageLog {

    /** Most messages one answer lists. */
    public static final int MAX_LIMIT = 1_000;

    /**
     * One message: who, how, what, and where its delivery stands ({@code local}: taken by the local outbox, nothing
     * left the machine).
     */
    public record Message(String id, String incidentId, String enterprise, String gridCell, String purpose,
                          String recipient, String channel, String address, DeliveryStatus status, int attempts,
                          Instant queuedAt, Instant updatedAt, Instant sentAt, Instant nextAttemptAt,
                          String providerId, String lastError, boolean local, String subject, String body) {
    }

    /** What a filter asks for: each null or blank = any. */
    public record Filter(String recipient, String channel, DeliveryStatus status) {
        boolean matches(DeliveryRecord d) {
            return (blank(recipient) || recipient.equals(d.recipient())) && (blank(channel) || channel.equals(d.channel()))
                    && (status == null || status == d.status());
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    /** The page: the newest {@code limit} matching messages, and the recipients and channels one may filter by. */
    public record Page(int total, List<Message> messages, List<String> recipients, List<String> channels) {
    }

    private MessageLog() {
    }

    /**
     * The messages of {@code incidents} that {@code visible} lets the reader see (incident, purpose), newest queued
     * first; the facets count every visible message, the filter applied or not.
     */
    public static Page page(Collection<Incident> incidents, BiPredicate<Incident, DeliveryRecord> visible, Filter filter,
                            int limit, NotificationText texts) {
        TreeSet<String> recipients = new TreeSet<>();
        TreeSet<String> channels = new TreeSet<>();
        List<OutgoingNotification.Item> matching = incidents.stream()
                .flatMap(i -> i.deliveries().stream().filter(d -> visible.test(i, d))
                        .peek(d -> {
                            recipients.add(d.recipient());
                            channels.add(d.channel());
                        })
                        .filter(filter::matches).map(d -> new OutgoingNotification.Item(i, d)))
                .toList();
        List<Message> messages = matching.stream()
                .sorted(Comparator.comparing((OutgoingNotification.Item item) -> item.delivery().queuedAt()).reversed()
                        .thenComparing(item -> item.delivery().id()))
                .limit(Math.max(1, Math.min(MAX_LIMIT, limit))).map(item -> message(item, texts)).toList();
        return new Page(matching.size(), messages, List.copyOf(recipients), List.copyOf(channels));
    }

    /**
     * One message as it reads now; {@code texts} renders it (give it no acknowledge links: this view must not hand out
     * a working link of somebody else's).
     */
    static Message message(OutgoingNotification.Item item, NotificationText texts) {
        Incident i = item.incident();
        DeliveryRecord d = item.delivery();
        Notification text = texts.of(new OutgoingNotification(d.channel(), d.address(), d.recipient(),
                i.alarm().enterprise(), List.of(item)));
        return new Message(d.id(), i.id(), i.alarm().enterprise(), i.alarm().gridCell(), d.purpose(), d.recipient(),
                d.channel(), d.address(), d.status(), d.attempts(), d.queuedAt(), d.updatedAt(), d.sentAt(),
                d.nextAttemptAt(), d.providerId(), d.lastError(),
                d.providerId() != null && d.providerId().startsWith(LocalNotifier.PROVIDER_PREFIX),
                text.subject(), text.body());
    }
}
