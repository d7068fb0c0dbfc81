package io.hazardwatch.alerts.grading;

import io.hazardwatch.alerts.incident.Cause;

/**
 * An enterprise's alarms over a window of days, summed from its {@link DailyTally daily tallies}.
 *
 * @param answered alarms whose feedback named a cause
 * @param notReal  of those, the ones whose cause was not a real release
 */
public record History(int alarms, int secondLevel, int realReleases, int answered, int notReal, int late,
                      int acknowledged, long ackSecondsTotal) {

    public static final History NONE = new History(0, 0, 0, 0, 0, 0, 0, 0);

    History plus(DailyTally.Entry e) {
        Cause cause = e.cause();
        return new History(alarms + 1, secondLevel + (e.secondLevel() ? 1 : 0),
                realReleases + (cause == Cause.REAL_RELEASE ? 1 : 0), answered + (cause != null ? 1 : 0),
                notReal + (cause != null && cause.notReal() ? 1 : 0), late + (e.late() ? 1 : 0),
                acknowledged + (e.ackSeconds() != null ? 1 : 0),
                ackSecondsTotal + (e.ackSeconds() != null ? e.ackSeconds() : 0));
    }

    /** Mean minutes from opening to acknowledgement; 0 when none was acknowledged. */
    public double meanAckMinutes() {
        return acknowledged == 0 ? 0 : ackSecondsTotal / 60.0 / acknowledged;
    }
}
