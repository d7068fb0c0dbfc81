package io.hazardwatch.alerts.grading;

import io.hazardwatch.alerts.risk.RiskColour;
import java.time.Instant;
import java.util.List;

/**
 * An enterprise's grade: the sum of its factors' points, the colour of that score and whether it is over the
 * warning line (预警线) and the alarm line (报警线) now.
 */
public record EnterpriseGrade(String enterprise, String gridCell, int score, RiskColour colour,
                              boolean overWarningLine, boolean overAlarmLine, int activeAlarms,
                              int secondLevelAlarms, List<Factor> factors, Instant gradedAt) {

    public EnterpriseGrade {
        factors = List.copyOf(factors);
    }

    /** The factors that give points, most points first, as one line ("...: +18; ...: +6"). */
    public String why() {
        List<Factor> scoring = factors.stream().filter(f -> f.points() > 0)
                .sorted((a, b) -> Integer.compare(b.points(), a.points())).toList();
        if (scoring.isEmpty()) {
            return "no factor gives points";
        }
        return String.join("; ", scoring.stream().map(Factor::reason).toList());
    }
}
