package io.hazardwatch.alerts.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnterpriseRiskTest {

    private static ActiveAlarm alarm(String enterprise, String cell, AlarmLevel level) {
        Instant t = Instant.parse("2026-11-24T08:00:00Z");
        return new ActiveAlarm(enterprise + "/tank-1/lel-1/THRESHOLD", level, enterprise, cell, "tank-1", "lel-1",
                SensorType.COMBUSTIBLE_GAS, "THRESHOLD", 30, 25.0, "%LEL", "r", 1, t, t, null, null);
    }

    private final EnterpriseRisk risk = new EnterpriseRisk(RiskRules.defaults(), Map.of("ent-a", "grid-1"));

    @Test
    void onlyAChangeOfAnEnterprisesStateIsTold() {
        assertThat(risk.reassess("ent-a", List.of())).as("the first evaluation is no change").isEmpty();

        assertThat(risk.reassess("ent-a", List.of(alarm("ent-a", "grid-1", AlarmLevel.FIRST))))
                .hasValueSatisfying(s -> assertThat(s.colour()).isEqualTo(RiskColour.YELLOW));
        assertThat(risk.reassess("ent-a", List.of(alarm("ent-a", "grid-1", AlarmLevel.FIRST)))).isEmpty();
        assertThat(risk.states()).singleElement().satisfies(s -> assertThat(s.colour()).isEqualTo(RiskColour.YELLOW));
    }

    @Test
    void anEnterpriseCountsOnlyItsOwnAlarmsAndTakesItsCellFromTheRegistryElseFromAnAlarm() {
        List<ActiveAlarm> park = List.of(alarm("ent-a", "grid-1", AlarmLevel.SECOND),
                alarm("ent-b", "grid-7", AlarmLevel.SECOND), alarm("ent-b", "grid-7", AlarmLevel.SECOND));
        risk.reassess("ent-a", List.of());
        risk.reassess("ent-b", List.of());

        assertThat(risk.reassess("ent-a", park)).hasValueSatisfying(s -> {
            assertThat(s.colour()).isEqualTo(RiskColour.ORANGE);
            assertThat(s.gridCell()).isEqualTo("grid-1");
        });
        assertThat(risk.reassess("ent-b", park)).hasValueSatisfying(s -> {
            assertThat(s.colour()).isEqualTo(RiskColour.RED);
            assertThat(s.gridCell()).as("not in the registry: the cell of its alarm").isEqualTo("grid-7");
        });
        assertThat(risk.gridCellOf("ent-b")).isNull();
    }
}
