package io.hazardwatch.alerts.outbox;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.outbox.OutgoingNotification.Item;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Recipient;
import io.hazardwatch.notify.dispatch.DispatchAction;
import io.hazardwatch.notify.dispatch.DispatchEvent;
import java.time.Instant;

/** The text of a notification: short enough for an SMS, with what a grid member needs to act. */
public final class NotificationText {

    private NotificationText() {
    }

    public static Notification of(OutgoingNotification outgoing) {
        return of(outgoing, null);
    }

    /**
     * The notification, its feedback request (to an enterprise's contacts) with a link to the incident on the board
     * at {@code boardUrl} (null: no link).
     */
    public static Notification of(OutgoingNotification outgoing, String boardUrl) {
        Recipient recipient = new Recipient(outgoing.recipient(), outgoing.channel(), outgoing.address());
        Item first = outgoing.items().get(0);
        AlarmLevel level = outgoing.items().stream().map(i -> i.incident().alarm().level())
                .max(Enum::compareTo).orElse(AlarmLevel.FIRST);
        if (outgoing.channel().equals(io.hazardwatch.alerts.escalation.EscalationPlanner.DISPATCH_CHANNEL)) {
            String action = first.delivery().purpose().substring("dispatch/".length());
            return new Notification(outgoing.notificationId(), first.incident().id(), recipient, level, action,
                    line(first.incident().alarm()));
        }
        if (outgoing.items().size() == 1) {
            ActiveAlarm a = first.incident().alarm();
            String purpose = first.delivery().purpose();
            if (purpose.equals(Feedback.REQUEST_PURPOSE) || purpose.startsWith(Feedback.OVERDUE_PURPOSE)) {
                return feedback(outgoing, recipient, level, first.incident(), purpose, boardUrl);
            }
            String reminder = purpose.contains("reminder") ? "REMINDER "
                    : purpose.startsWith(io.hazardwatch.alerts.escalation.EscalationPlanner.LEVEL_RISE) ? "LEVEL RAISED " : "";
            return new Notification(outgoing.notificationId(), first.incident().id(), recipient, level,
                    reminder + label(a.level()) + " " + a.enterprise() + " " + a.device() + "/" + a.sensor(),
                    line(a) + " — please acknowledge incident " + first.incident().id());
        }
        StringBuilder body = new StringBuilder();
        for (Item item : outgoing.items()) {
            body.append(line(item.incident().alarm())).append('\n');
        }
        body.append("please acknowledge the ").append(outgoing.items().size()).append(" incidents on the duty board");
        return new Notification(outgoing.notificationId(), first.incident().id(), recipient, level,
                outgoing.items().size() + " alarms at " + outgoing.enterprise(), body.toString());
    }

    /** Asks an enterprise for its answer (with the deadlines and a link), or tells the grid it is overdue. */
    private static Notification feedback(OutgoingNotification outgoing, Recipient recipient, AlarmLevel level,
                                         Incident incident, String purpose, String boardUrl) {
        ActiveAlarm a = incident.alarm();
        String where = label(a.level()) + " " + a.enterprise() + " " + a.device() + "/" + a.sensor();
        String link = boardUrl == null ? "" : " " + boardUrl + "#incident/" + incident.id();
        if (purpose.equals(Feedback.REQUEST_PURPOSE)) {
            return new Notification(outgoing.notificationId(), incident.id(), recipient, level, "FEEDBACK DUE " + where,
                    line(a) + " — please confirm by " + incident.feedback().confirmBy() + " and report cause and"
                            + " measures by " + incident.feedback().reportBy() + ":" + link);
        }
        return new Notification(outgoing.notificationId(), incident.id(), recipient, level,
                "FEEDBACK OVERDUE " + where, line(a) + " — the enterprise has not answered incident " + incident.id()
                        + " in time" + (link.isEmpty() ? "" : ":" + link));
    }

    /**
     * The emergency dispatch message of an outgoing dispatch notification (always one item): the outbox id is the event id, the
     * incident id the incident key (so its dedup key is the same for trigger, update and resolve).
     */
    public static DispatchEvent dispatchEvent(OutgoingNotification outgoing) {
        Item item = outgoing.items().get(0);
        Incident incident = item.incident();
        DeliveryRecord d = item.delivery();
        DispatchAction action = DispatchAction.valueOf(d.purpose().substring("dispatch/".length()));
        ActiveAlarm a = incident.alarm();
        // an update references the trigger by the sent time the accepted trigger carried (not its queued time)
        Instant triggered = incident.deliveries().stream().filter(x -> x.purpose().equals("dispatch/TRIGGER"))
                .map(x -> x.sentAt() != null ? x.sentAt() : x.queuedAt()).findFirst().orElse(incident.openedAt());
        String event = (a.sensorType() == null ? a.alarmType() : describe(a.sensorType())) + " " + label(a.level());
        String area = a.enterprise() + ", " + a.device() + (a.gridCell() == null ? "" : " (grid " + a.gridCell() + ")");
        return new DispatchEvent(d.id(), incident.id(), action, triggered,
                a.level() == AlarmLevel.NONE ? AlarmLevel.FIRST : a.level(),
                category(a.sensorType()), event,
                label(a.level()) + " " + a.enterprise() + " " + a.device() + "/" + a.sensor(), line(a), area);
    }

    /** CAP category: a gas reading means a release to the environment; anything else is plant safety. */
    private static String category(SensorType type) {
        return type == null || type == SensorType.TEMPERATURE || type == SensorType.DUST_CONCENTRATION
                ? "Safety" : "Env";
    }

    private static String describe(SensorType type) {
        return type.name().toLowerCase().replace('_', ' ');
    }

    private static String line(ActiveAlarm a) {
        if (io.hazardwatch.alerts.watchdog.SystemAlarms.isSystem(a)) {
            return label(a.level()) + " " + io.hazardwatch.alerts.watchdog.SystemAlarms.headline(a)
                    + (a.gridCell() == null ? "" : ", grid " + a.gridCell());
        }
        return label(a.level()) + " " + a.alarmType() + " " + a.enterprise() + " " + a.device() + "/" + a.sensor() + ": "
                + a.value() + (a.unit() == null ? "" : " " + a.unit())
                + (a.threshold() == null ? "" : " (set point " + a.threshold() + ")") + " since " + a.raisedAt()
                + (a.gridCell() == null ? "" : ", grid " + a.gridCell());
    }

    private static String label(AlarmLevel level) {
        return level == AlarmLevel.SECOND ? "[L2 ALARM]" : "[L1 warning]";
    }
}
