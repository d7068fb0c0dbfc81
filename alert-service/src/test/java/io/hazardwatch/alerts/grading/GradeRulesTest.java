package io.hazardwatch.alerts.grading;

import static io.hazardwatch.alerts.grading.GradingFixtures.alarm;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.risk.RiskColour;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GradeRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private final GradeRules rules = new GradeRules(GradingPolicy.defaults());
    private final EnterpriseProfile quiet = new EnterpriseProfile("ent-a", "grid-1", null, Set.of());

    private static Map<String, Factor> byId(EnterpriseGrade grade) {
        return grade.factors().stream().collect(Collectors.toMap(Factor::id, f -> f));
    }

    @Test
    void eachFactorHasItsValuePointsAndAReadableReasonAndTheScoreIsTheirSum() {
        EnterpriseProfile profile = new EnterpriseProfile("ent-a", "grid-1", 1,
                Set.of(SensorType.AMMONIA, SensorType.COMBUSTIBLE_GAS, SensorType.TEMPERATURE));
        History last30 = new History(5, 1, 3, 4, 1, 1, 4, 4 * 12 * 60);
        History last90 = new History(9, 2, 4, 8, 4, 2, 8, 8 * 10 * 60);

        EnterpriseGrade grade = rules.grade(profile, last30, last90, new CaseFacts.Counts(2, 1, 1, 3), List.of(), NOW);

        Map<String, Factor> f = byId(grade);
        assertThat(f.get("majorHazardLevel").points()).isEqualTo(15);
        assertThat(f.get("sensorTypes").points()).as("4 + 3 + 1").isEqualTo(8);
        assertThat(f.get("sensorTypes").reason()).contains("AMMONIA", "COMBUSTIBLE_GAS");
        assertThat(f.get("realReleases30d").reason()).isEqualTo("3 real releases in 30 days: +18");
        assertThat(f.get("realReleases90d").points()).isEqualTo(8);
        assertThat(f.get("secondLevel90d").points()).isEqualTo(6);
        assertThat(f.get("acknowledgeMinutes30d").value()).isEqualTo(12.0);
        assertThat(f.get("acknowledgeMinutes30d").points()).as("7 minutes over the 5-minute target, 1 a minute").isEqualTo(7);
        assertThat(f.get("lateFeedback90d").points()).isEqualTo(8);
        assertThat(f.get("falseAlarmRate90d").value()).isEqualTo(0.5);
        assertThat(f.get("falseAlarmRate90d").points()).isEqualTo(5);
        assertThat(f.get("openDangers").points()).isEqualTo(6);
        assertThat(f.get("overdueDangers").reason()).isEqualTo("1 hidden danger past its deadline: +8");
        assertThat(f.get("majorDangers").points()).isEqualTo(10);
        assertThat(f.get("findings90d").points()).isEqualTo(6);
        assertThat(f.get("activeFirstLevel").points()).isZero();
        assertThat(grade.score()).isEqualTo(grade.factors().stream().mapToInt(Factor::points).sum()).isEqualTo(105);
        assertThat(grade.colour()).isEqualTo(RiskColour.RED);
        assertThat(grade.overAlarmLine()).isTrue();
        assertThat(grade.why()).startsWith("3 real releases in 30 days: +18; worst unit is a level-1 major hazard");
    }

    @Test
    void whatAnEnterpriseIsAloneStaysBelowTheWarningLine() {
        EnterpriseProfile worst = new EnterpriseProfile("ent-a", "grid-1", 1, Set.of(SensorType.values()));
        EnterpriseGrade grade = rules.grade(worst, History.NONE, History.NONE, CaseFacts.Counts.ZERO, List.of(), NOW);
        assertThat(grade.score()).as("15 + capped 10").isEqualTo(25);
        assertThat(grade.colour()).isEqualTo(RiskColour.BLUE);
        assertThat(grade.overWarningLine()).isFalse();
        assertThat(byId(grade).get("sensorTypes").reason()).contains("capped at 10");
    }

    @Test
    void aLiveAlarmRaisesTheColourAtOnce() {
        EnterpriseGrade first = rules.grade(quiet, History.NONE, History.NONE, CaseFacts.Counts.ZERO,
                List.of(alarm("ent-a", "lel-1", AlarmLevel.FIRST, NOW)), NOW);
        assertThat(first.colour()).isEqualTo(RiskColour.YELLOW);
        assertThat(first.overWarningLine()).isTrue();
        assertThat(first.overAlarmLine()).isFalse();

        EnterpriseGrade second = rules.grade(quiet, History.NONE, History.NONE, CaseFacts.Counts.ZERO,
                List.of(alarm("ent-a", "lel-1", AlarmLevel.SECOND, NOW)), NOW);
        assertThat(second.colour()).isEqualTo(RiskColour.ORANGE);
        assertThat(second.overAlarmLine()).isTrue();
        assertThat(second.secondLevelAlarms()).isEqualTo(1);
        assertThat(byId(second).get("activeSecondLevel").reason()).isEqualTo("1 level-2 alarm active now: +60");

        EnterpriseGrade two = rules.grade(quiet, History.NONE, History.NONE, CaseFacts.Counts.ZERO,
                List.of(alarm("ent-a", "lel-1", AlarmLevel.SECOND, NOW), alarm("ent-a", "lel-2", AlarmLevel.SECOND, NOW)),
                NOW);
        assertThat(two.colour()).isEqualTo(RiskColour.RED);
    }

    @Test
    void theColourAndTheLinesFollowTheScoreThresholds() {
        GradingPolicy policy = GradingPolicy.defaults();
        assertThat(policy.colourOf(29)).isEqualTo(RiskColour.BLUE);
        assertThat(policy.colourOf(30)).isEqualTo(RiskColour.YELLOW);
        assertThat(policy.colourOf(59)).isEqualTo(RiskColour.YELLOW);
        assertThat(policy.colourOf(60)).isEqualTo(RiskColour.ORANGE);
        assertThat(policy.colourOf(99)).isEqualTo(RiskColour.ORANGE);
        assertThat(policy.colourOf(100)).isEqualTo(RiskColour.RED);

        // 10 open dangers (30 points) reach the warning line exactly, 29 points do not
        EnterpriseGrade at = rules.grade(quiet, History.NONE, History.NONE, new CaseFacts.Counts(10, 0, 0, 0), List.of(), NOW);
        assertThat(at.score()).isEqualTo(30);
        assertThat(at.overWarningLine()).isTrue();
        EnterpriseGrade below = rules.grade(quiet, History.NONE, History.NONE, new CaseFacts.Counts(9, 0, 0, 1), List.of(), NOW);
        assertThat(below.score()).isEqualTo(29);
        assertThat(below.overWarningLine()).isFalse();
    }

    @Test
    void theFalseAlarmRateCountsOnlyFromEnoughAnsweredAlarmsAndAQuickAcknowledgementScoresNothing() {
        History two = new History(2, 0, 0, 2, 2, 0, 2, 2 * 60);
        EnterpriseGrade few = rules.grade(quiet, two, two, CaseFacts.Counts.ZERO, List.of(), NOW);
        assertThat(byId(few).get("falseAlarmRate90d").points()).isZero();
        assertThat(byId(few).get("falseAlarmRate90d").reason()).contains("counts from 3");
        assertThat(byId(few).get("acknowledgeMinutes30d").points()).as("1 minute mean, target 5").isZero();

        History four = new History(4, 0, 0, 4, 4, 0, 4, 4 * 60 * 60);
        EnterpriseGrade all = rules.grade(quiet, four, four, CaseFacts.Counts.ZERO, List.of(), NOW);
        assertThat(byId(all).get("falseAlarmRate90d").reason()).isEqualTo("4 of 4 answered alarms in 90 days not real (100 %): +10");
        assertThat(byId(all).get("acknowledgeMinutes30d").points()).as("capped").isEqualTo(10);
    }
}
