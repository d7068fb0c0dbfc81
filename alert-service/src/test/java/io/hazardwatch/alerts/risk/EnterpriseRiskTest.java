package io.hazardwatch.alerts.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.grading.CaseFacts;
import io.hazardwatch.alerts.grading.EnterpriseProfile;
import io.hazardwatch.alerts.grading.Grading;
import io.hazardwatch.alerts.grading.GradingPolicy;
import io.hazardwatch.alerts.grading.KeptWriter;
import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnterpriseRiskTest {

    private static final Instant T = Instant.parse("2026-11-24T08:00:00Z");

    private static ActiveAlarm alarm(String enterprise, String cell, AlarmLevel level) {
        return new ActiveAlarm(enterprise + "/tank-1/lel-1/THRESHOLD", level, enterprise, cell, "tank-1", "lel-1",
                SensorType.COMBUSTIBLE_GAS, "THRESHOLD", 30, 25.0, "%LEL", "r", 1, T, T, null, null);
    }

    private final List<Kept> kept = new ArrayList<>();
    private final Grading grading = new Grading(GradingPolicy.defaults(),
            Map.of("ent-a", new EnterpriseProfile("ent-a", "grid-1", 3, Set.of(SensorType.COMBUSTIBLE_GAS))),
            ZoneId.of("Asia/Shanghai"), new KeptWriter() {
                @Override
                public void keep(List<Kept> records) {
                    kept.addAll(records);
                }

                @Override
                public void delete(List<String> keys) {
                }
            }, Clock.fixed(T, ZoneId.of("UTC")));
    private final EnterpriseRisk risk = new EnterpriseRisk(grading, Map.of("ent-a", "grid-1"));

    @Test
    void onlyAChangeOfAnEnterprisesStateIsTold() {
        assertThat(risk.reassess("ent-a", List.of())).as("the first evaluation is no change").isEmpty();
        assertThat(risk.states()).singleElement().satisfies(s -> assertThat(s.score()).as("level 3 + gas sensors").isEqualTo(9));

        assertThat(risk.reassess("ent-a", List.of(alarm("ent-a", "grid-1", AlarmLevel.FIRST))))
                .hasValueSatisfying(s -> {
                    assertThat(s.colour()).isEqualTo(RiskColour.YELLOW);
                    assertThat(s.overWarningLine()).as("on the watch list").isTrue();
                });
        assertThat(risk.reassess("ent-a", List.of(alarm("ent-a", "grid-1", AlarmLevel.FIRST)))).isEmpty();
        assertThat(risk.states()).singleElement().satisfies(s -> assertThat(s.colour()).isEqualTo(RiskColour.YELLOW));
        assertThat(grading.listings().onWatchList("ent-a")).isTrue();
        assertThat(kept).extracting(Kept::key).containsExactly("listing/ent-a");
    }

    @Test
    void aLiveLevel2AlarmMakesTheEnterpriseOrangeAndPutsItOnThePriorityListAtOnce() {
        List<ActiveAlarm> park = List.of(alarm("ent-a", "grid-1", AlarmLevel.SECOND),
                alarm("ent-b", "grid-7", AlarmLevel.SECOND), alarm("ent-b", "grid-7", AlarmLevel.SECOND));
        risk.reassess("ent-a", List.of());
        risk.reassess("ent-b", List.of());

        assertThat(risk.reassess("ent-a", park)).hasValueSatisfying(s -> {
            assertThat(s.colour()).isEqualTo(RiskColour.ORANGE);
            assertThat(s.overAlarmLine()).isTrue();
            assertThat(s.gridCell()).isEqualTo("grid-1");
        });
        assertThat(risk.reassess("ent-b", park)).hasValueSatisfying(s -> {
            assertThat(s.colour()).isEqualTo(RiskColour.RED);
            assertThat(s.gridCell()).as("not in the registry: the cell of its alarm").isEqualTo("grid-7");
        });
        assertThat(risk.gridCellOf("ent-b")).isNull();
        assertThat(grading.listings().onPriorityList("ent-a")).isTrue();

        // the alarm clears: the grade falls below both lines and the enterprise leaves both lists
        assertThat(risk.reassess("ent-a", List.of())).hasValueSatisfying(s -> {
            assertThat(s.colour()).isEqualTo(RiskColour.BLUE);
            assertThat(s.overAlarmLine()).isFalse();
            assertThat(s.overWarningLine()).isFalse();
        });
        assertThat(grading.listings().of("ent-a").history()).hasSize(4);
    }

    @Test
    void caseworkAlarmsCountThroughTheCaseworkFactsNotAsAlarms() {
        ActiveAlarm overdue = new ActiveAlarm(CaseAlarms.keyOf("ent-a", "danger-1", CaseAlarms.DANGER_OVERDUE),
                AlarmLevel.SECOND, "ent-a", "grid-1", CaseAlarms.DEVICE, "danger-1", null, CaseAlarms.DANGER_OVERDUE, 0,
                null, null, "casework", 1, T, T, null, null);
        grading.useCaseFacts(enterprise -> new CaseFacts.Counts(1, 1, 0, 0));
        risk.reassess("ent-a", List.of(overdue));
        assertThat(risk.grade("ent-a")).hasValueSatisfying(g -> {
            assertThat(g.activeAlarms()).isZero();
            assertThat(g.score()).as("9 + open 3 + overdue 8").isEqualTo(20);
        });
    }
}
