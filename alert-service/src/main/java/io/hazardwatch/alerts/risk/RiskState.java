package io.hazardwatch.alerts.risk;

/**
 * An enterprise's current risk state, derived from its active alarms.
 *
 * @param overWarningLine on the watch list (预警线)
 * @param overAlarmLine   on the priority inspection list (报警线)
 */
public record RiskState(String enterprise, String gridCell, RiskColour colour, boolean overWarningLine,
                        boolean overAlarmLine, int activeAlarms, int secondLevelAlarms) {
}
