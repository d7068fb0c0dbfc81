package io.hazardwatch.alerts.suppress;

import io.hazardwatch.alerts.board.ActiveAlarm;
import java.time.Instant;

/**
 * A maintenance window (e.g. detector calibration): between {@code from} and {@code until} no notifications go
 * out for matching alarms; the incidents are still recorded and shown. Every non-null matcher must equal the
 * alarm's field; {@code enterprise} is required so that one silence never hides a whole park.
 */
public record Silence(String id, String enterprise, String device, String sensor, String alarmType, Instant from,
                      Instant until, String reason, String createdBy, Instant createdAt, boolean removed) {

    /** The kind of a silence among the records the incident store keeps (its key: {@code silence/<id>}). */
    public static final String KIND = "silence";

    public boolean matches(ActiveAlarm alarm, Instant now) {
        return !removed && !now.isBefore(from) && now.isBefore(until)
                && enterprise.equals(alarm.enterprise())
                && (device == null || device.equals(alarm.device()))
                && (sensor == null || sensor.equals(alarm.sensor()))
                && (alarmType == null || alarmType.equals(alarm.alarmType()));
    }

    public boolean expiredAt(Instant now) {
        return removed || !now.isBefore(until);
    }

    public Silence removedBy(String who, Instant now) {
        return new Silence(id, enterprise, device, sensor, alarmType, from, until, reason, createdBy, createdAt, true);
    }
}
