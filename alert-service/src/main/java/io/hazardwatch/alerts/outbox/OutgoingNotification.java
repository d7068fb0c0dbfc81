package io.hazardwatch.alerts.outbox;

import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Incident;
import java.util.List;

/**
 * Messages due to one recipient about one enterprise, sent as one notification: a single message normally,
 * a grouped one in an alarm storm.
 */
public record OutgoingNotification(String channel, String address, String recipient, String enterprise,
                                   List<Item> items) {

    public record Item(Incident incident, DeliveryRecord delivery) {
    }

    /** The notification id: the delivery's own id, or for a group the first id plus the group size. */
    public String notificationId() {
        String first = items.get(0).delivery().id();
        return items.size() == 1 ? first : first + "+" + (items.size() - 1);
    }
}
