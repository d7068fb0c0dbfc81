package io.hazardwatch.alerts.danger;

/** Where a hidden danger was found. */
public enum DangerSource {
    /** A grid member's or the duty room's inspection on site. */
    INSPECTION,
    /** The service itself, from a pattern of alarms (e.g. the same sensor in real alarm 3 times in 7 days). */
    ALARM_PATTERN,
    /** Recorded by the duty room (e.g. from a call or a report by others). */
    DUTY_ROOM,
    /** The enterprise's own self-inspection report (自查自报). */
    SELF_REPORT
}
