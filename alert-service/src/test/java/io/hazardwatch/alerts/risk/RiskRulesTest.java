package io.hazardwatch.alerts.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskRulesTest {

    private static ActiveAlarm alarm(String sensor, AlarmLevel level) {
        Instant t = Instant.parse("2026-11-24T08:00:00Z");
        return new ActiveAlarm("ent-a/tank-1/" + sensor + "/THRESHOLD", level, "ent-a", "grid-1", "tank-1", sensor,
                SensorType.COMBUSTIBLE_GAS, "THRESHOLD", 30, 25.0, "%LEL", "r", 1, t, t, null, null);
    }

    @Test
    void theColourFollowsTheActiveAlarmsBlueYellowOrangeRedAndBack() {
        RiskRules rules = RiskRules.defaults();
        List<ActiveAlarm> active = new ArrayList<>();

        RiskState blue = rules.evaluate("ent-a", "grid-1", active);
        assertThat(blue.colour()).isEqualTo(RiskColour.BLUE);
        assertThat(blue.overWarningLine()).isFalse();
        assertThat(blue.overAlarmLine()).isFalse();

        active.add(alarm("lel-1", AlarmLevel.FIRST));
        RiskState yellow = rules.evaluate("ent-a", "grid-1", active);
        assertThat(yellow.colour()).isEqualTo(RiskColour.YELLOW);
        assertThat(yellow.overWarningLine()).isTrue();
        assertThat(yellow.overAlarmLine()).isFalse();

        active.add(alarm("lel-2", AlarmLevel.SECOND));
        RiskState orange = rules.evaluate("ent-a", "grid-1", active);
        assertThat(orange.colour()).isEqualTo(RiskColour.ORANGE);
        assertThat(orange.overAlarmLine()).isTrue();

        active.add(alarm("lel-3", AlarmLevel.SECOND));
        assertThat(rules.evaluate("ent-a", "grid-1", active).colour()).isEqualTo(RiskColour.RED);

        active.clear();
        assertThat(rules.evaluate("ent-a", "grid-1", active).colour()).isEqualTo(RiskColour.BLUE);
    }

    @Test
    void configuredRulesAreTriedInOrder() {
        RiskRules strict = new RiskRules(List.of(new RiskRules.ColourRule(RiskColour.RED, 1, 1),
                new RiskRules.ColourRule(RiskColour.ORANGE, 1, null)), null, null).validated();

        assertThat(strict.evaluate("e", "g", List.of(alarm("a", AlarmLevel.FIRST))).colour()).isEqualTo(RiskColour.ORANGE);
        assertThat(strict.evaluate("e", "g", List.of(alarm("a", AlarmLevel.SECOND))).colour()).isEqualTo(RiskColour.RED);
    }

    @Test
    void aRuleWithoutAConditionIsRejected() {
        assertThatThrownBy(() -> new RiskRules(List.of(new RiskRules.ColourRule(RiskColour.RED, null, null)), null, null)
                .validated()).hasMessageContaining("risk.rules[0]");
    }
}
