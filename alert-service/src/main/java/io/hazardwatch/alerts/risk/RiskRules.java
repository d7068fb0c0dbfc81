package io.hazardwatch.alerts.risk;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.model.AlarmLevel;
import java.util.Collection;
import java.util.List;

/**
 * Configurable rules that derive an enterprise's risk colour and warning/alarm line from its active alarms.
 * Each condition counts active alarms of the enterprise: {@code alarms} of any level, {@code secondLevel} of
 * level 2; a condition holds when every count it names is reached. Colour rules are tried in order, the first
 * that holds wins; none holding means BLUE.
 */
public record RiskRules(List<ColourRule> rules, Condition warningLine, Condition alarmLine) {

    /** Holds when at least {@code alarms} active alarms and at least {@code secondLevel} level-2 ones (null = any). */
    public record Condition(Integer alarms, Integer secondLevel) {
        boolean holds(int all, int second) {
            if (alarms == null && secondLevel == null) {
                return false;
            }
            return (alarms == null || all >= alarms) && (secondLevel == null || second >= secondLevel);
        }
    }

    public record ColourRule(RiskColour colour, Integer alarms, Integer secondLevel) {
        Condition condition() {
            return new Condition(alarms, secondLevel);
        }
    }

    /** Two or more level-2 alarms red, one orange, any alarm yellow; warning line at any alarm, alarm line at level 2. */
    public static RiskRules defaults() {
        return new RiskRules(List.of(
                new ColourRule(RiskColour.RED, null, 2),
                new ColourRule(RiskColour.ORANGE, null, 1),
                new ColourRule(RiskColour.YELLOW, 1, null)),
                new Condition(1, null), new Condition(null, 1));
    }

    public RiskRules validated() {
        RiskRules d = defaults();
        List<ColourRule> r = rules == null ? d.rules : List.copyOf(rules);
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i).colour() == null || (r.get(i).alarms() == null && r.get(i).secondLevel() == null)) {
                throw new IllegalArgumentException("risk.rules[" + i + "]: colour and alarms or secondLevel are required");
            }
        }
        return new RiskRules(r, warningLine == null ? d.warningLine : warningLine, alarmLine == null ? d.alarmLine : alarmLine);
    }

    /** The risk state of one enterprise given its active alarms. */
    public RiskState evaluate(String enterprise, String gridCell, Collection<ActiveAlarm> active) {
        int all = active.size();
        int second = (int) active.stream().filter(a -> a.level() == AlarmLevel.SECOND).count();
        RiskColour colour = RiskColour.BLUE;
        for (ColourRule rule : rules) {
            if (rule.condition().holds(all, second)) {
                colour = rule.colour();
                break;
            }
        }
        return new RiskState(enterprise, gridCell, colour, warningLine.holds(all, second), alarmLine.holds(all, second),
                all, second);
    }
}
