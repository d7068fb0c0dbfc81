package io.hazardwatch.alerts.outbox;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.outbox.Batch.Item;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Recipient;

/** The text of a notification: short enough for an SMS, with what a grid member needs to act. */
public final class Messages {

    private Messages() {
    }

    public static Notification of(Batch batch) {
        Recipient recipient = new Recipient(batch.recipient(), batch.channel(), batch.address());
        Item first = batch.items().get(0);
        AlarmLevel level = batch.items().stream().map(i -> i.incident().alarm().level())
                .max(Enum::compareTo).orElse(AlarmLevel.FIRST);
        if (batch.channel().equals(io.hazardwatch.alerts.escalation.EscalationPlanner.DISPATCH_CHANNEL)) {
            String action = first.delivery().purpose().substring("dispatch/".length());
            return new Notification(batch.notificationId(), first.incident().id(), recipient, level, action,
                    line(first.incident().alarm()));
        }
        if (batch.items().size() == 1) {
            ActiveAlarm a = first.incident().alarm();
            String reminder = first.delivery().purpose().contains("reminder") ? "REMINDER " : "";
            return new Notification(batch.notificationId(), first.incident().id(), recipient, level,
                    reminder + label(a.level()) + " " + a.enterprise() + " " + a.device() + "/" + a.sensor(),
                    line(a) + " — please acknowledge incident " + first.incident().id());
        }
        StringBuilder body = new StringBuilder();
        for (Item item : batch.items()) {
            body.append(line(item.incident().alarm())).append('\n');
        }
        body.append("please acknowledge the ").append(batch.items().size()).append(" incidents on the duty board");
        return new Notification(batch.notificationId(), first.incident().id(), recipient, level,
                batch.items().size() + " alarms at " + batch.enterprise(), body.toString());
    }

    private static String line(ActiveAlarm a) {
        return label(a.level()) + " " + a.alarmType() + " " + a.enterprise() + " " + a.device() + "/" + a.sensor() + ": "
                + a.value() + (a.unit() == null ? "" : " " + a.unit())
                + (a.threshold() == null ? "" : " (set point " + a.threshold() + ")") + " since " + a.raisedAt()
                + (a.gridCell() == null ? "" : ", grid " + a.gridCell());
    }

    private static String label(AlarmLevel level) {
        return level == AlarmLevel.SECOND ? "[L2 ALARM]" : "[L1 warning]";
    }
}
