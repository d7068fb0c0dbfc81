package io.hazardwatch.alerts.grading;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.grading.GradingPolicy.Weights;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Scores an enterprise from its factors by the {@link GradingPolicy}: what it is (GB 18218 level, sensor types),
 * its record (alarms over 30 and 90 days, response, feedback, false alarms), its casework (hidden dangers,
 * findings) and its alarms active now (so a live alarm raises the colour at once). Pure.
 */
public final class GradeRules {

    private final GradingPolicy policy;

    public GradeRules(GradingPolicy policy) {
        this.policy = policy;
    }

    public GradingPolicy policy() {
        return policy;
    }

    /** The grade of one enterprise; {@code active} are its sensors' alarms active now. */
    public EnterpriseGrade grade(EnterpriseProfile profile, History last30, History last90, CaseFacts.Counts cases,
                                 Collection<ActiveAlarm> active, Instant now) {
        Weights w = policy.weights();
        List<Factor> factors = new ArrayList<>();
        factors.add(majorHazard(profile.majorHazardLevel()));
        factors.add(sensorTypes(profile));
        factors.add(count("realReleases30d", last30.realReleases(), w.realRelease30d(), "real release", "in 30 days"));
        factors.add(count("realReleases90d", last90.realReleases(), w.realRelease90d(), "real release", "in 90 days"));
        factors.add(count("secondLevel90d", last90.secondLevel(), w.secondLevel90d(), "level-2 alarm", "in 90 days"));
        factors.add(acknowledge(last30));
        factors.add(count("lateFeedback90d", last90.late(), w.lateFeedback90d(), "alarm", "in 90 days with late or missing feedback"));
        factors.add(falseAlarms(last90));
        factors.add(count("openDangers", cases.openDangers(), w.openDanger(), "open hidden danger", ""));
        factors.add(count("overdueDangers", cases.overdueDangers(), w.overdueDanger(), "hidden danger", "past its deadline"));
        factors.add(count("majorDangers", cases.majorDangers(), w.majorDanger(), "open major hidden danger", ""));
        factors.add(count("findings90d", cases.findings90d(), w.finding90d(), "inspection finding", "in 90 days"));
        int second = (int) active.stream().filter(a -> a.level() == AlarmLevel.SECOND).count();
        int first = active.size() - second;
        factors.add(count("activeFirstLevel", first, w.activeFirstLevel(), "level-1 alarm", "active now"));
        factors.add(count("activeSecondLevel", second, w.activeSecondLevel(), "level-2 alarm", "active now"));
        int score = factors.stream().mapToInt(Factor::points).sum();
        return new EnterpriseGrade(profile.enterprise(), profile.gridCell(), score, policy.colourOf(score),
                score >= policy.warningLine(), score >= policy.alarmLine(), active.size(), second, factors, now);
    }

    private Factor majorHazard(Integer level) {
        if (level == null) {
            return new Factor("majorHazardLevel", 0, 0, "no unit is a GB 18218 major hazard source: +0");
        }
        int points = policy.weights().majorHazardLevel().getOrDefault(level, 0);
        return new Factor("majorHazardLevel", level, points, "worst unit is a level-" + level
                + " major hazard source (GB 18218): +" + points);
    }

    private Factor sensorTypes(EnterpriseProfile profile) {
        Weights w = policy.weights();
        List<SensorType> types = profile.sensorTypes().stream().sorted().toList();
        int sum = types.stream().mapToInt(t -> w.sensorTypes().getOrDefault(t, 0)).sum();
        int points = Math.min(w.sensorTypesMax(), sum);
        String names = types.isEmpty() ? "no sensors" : types.stream().map(Enum::name).collect(Collectors.joining(", "));
        return new Factor("sensorTypes", types.size(), points, "runs " + names
                + (sum > points ? " (capped at " + points + ")" : "") + ": +" + points);
    }

    private Factor acknowledge(History last30) {
        Weights w = policy.weights();
        double mean = last30.meanAckMinutes();
        double target = policy.acknowledgeTarget().toSeconds() / 60.0;
        int points = mean <= target ? 0
                : Math.min(w.slowAcknowledgeMax(), (int) Math.ceil(mean - target) * w.slowAcknowledgePerMinute());
        String reason = last30.acknowledged() == 0 ? "no acknowledged alarm in 30 days: +0"
                : String.format(Locale.ROOT, "mean time to acknowledge %.1f min over %d alarm%s in 30 days (target %.0f min): +%d",
                mean, last30.acknowledged(), last30.acknowledged() == 1 ? "" : "s", target, points);
        return new Factor("acknowledgeMinutes30d", Math.round(mean * 10) / 10.0, points, reason);
    }

    private Factor falseAlarms(History last90) {
        int min = policy.falseAlarmMinAnswered();
        if (last90.answered() == 0 || last90.answered() < min) {
            return new Factor("falseAlarmRate90d", 0, 0, last90.answered() + " alarm(s) with a reported cause in 90 days"
                    + " (the rate counts from " + min + "): +0");
        }
        double rate = (double) last90.notReal() / last90.answered();
        int points = (int) Math.round(rate * policy.weights().falseAlarmRate());
        return new Factor("falseAlarmRate90d", Math.round(rate * 100) / 100.0, points, String.format(Locale.ROOT,
                "%d of %d answered alarms in 90 days not real (%.0f %%): +%d", last90.notReal(), last90.answered(),
                rate * 100, points));
    }

    private static Factor count(String id, int n, int perEach, String what, String where) {
        int points = n * perEach;
        return new Factor(id, n, points, n + " " + what + (n == 1 ? "" : "s") + (where.isEmpty() ? "" : " " + where)
                + ": +" + points);
    }
}
