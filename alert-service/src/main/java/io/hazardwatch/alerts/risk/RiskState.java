package io.hazardwatch.alerts.risk;

/**
 * An enterprise's current risk state as the board draws it, from its grade ({@code grading.EnterpriseGrade}).
 *
 * @param colour          the colour of its grade's score
 * @param overWarningLine on the watch list (预警线), which it left only once its grade fell below the line
 * @param overAlarmLine   on the priority inspection list (报警线), likewise
 * @param activeAlarms    its sensors' alarms active now (the map shows them on top of the colour)
 * @param score           its grade's score
 */
public record RiskState(String enterprise, String gridCell, RiskColour colour, boolean overWarningLine,
                        boolean overAlarmLine, int activeAlarms, int secondLevelAlarms, int score) {
}
