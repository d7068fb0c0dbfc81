package io.hazardwatch.alerts.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which system-incident transitions the watchdog applies, given the stages and the incidents already open. */
class SystemIncidentPlanTest {

    private static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");

    private static List<StageStatus> stages(StageState detection) {
        List<StageStatus> all = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            all.add(new StageStatus(stage, stage == Stage.DETECTION ? detection : StageState.OK, T0, "because"));
        }
        return all;
    }

    @Test
    void aStageInFaultRaisesOneLevelTwoSystemIncidentAndItsRecoveryClearsTheSameEpisode() {
        List<SystemIncidentPlan.Step> raise = SystemIncidentPlan.due(stages(StageState.DOWN), List.of(), List.of(),
                T0.plusSeconds(1));
        assertThat(raise).singleElement().satisfies(step -> {
            AlarmEvent e = step.event();
            assertThat(e.alarmKey()).isEqualTo("hazardwatch/monitoring/detection/MONITORING");
            assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
            assertThat(e.level()).isEqualTo(AlarmLevel.SECOND);
            assertThat(e.episodeStart()).isEqualTo(T0);
            assertThat(step.note()).isEqualTo("detection DOWN since " + T0 + ": because");
        });
        ActiveAlarm open = ActiveAlarm.openedBy(raise.get(0).event(), "*");

        assertThat(SystemIncidentPlan.due(stages(StageState.DOWN), List.of(), List.of(open), T0.plusSeconds(2)))
                .as("already open: nothing more").isEmpty();
        assertThat(SystemIncidentPlan.due(stages(StageState.DEGRADED), List.of(), List.of(open), T0.plusSeconds(2)))
                .as("DOWN to DEGRADED is the same episode").isEmpty();
        assertThat(SystemIncidentPlan.due(stages(StageState.UNKNOWN), List.of(), List.of(open), T0.plusSeconds(2)))
                .as("unknown is no recovery").isEmpty();

        List<SystemIncidentPlan.Step> clear = SystemIncidentPlan.due(stages(StageState.OK), List.of(), List.of(open),
                T0.plusSeconds(60));
        assertThat(clear).singleElement().satisfies(step -> {
            assertThat(step.event().transition()).isEqualTo(AlarmTransition.CLEARED);
            assertThat(step.event().episodeStart()).isEqualTo(T0);
            assertThat(step.event().alarmKey()).isEqualTo(open.alarmKey());
        });
    }

    @Test
    void aSilentEnterpriseRaisesItsOwnSystemIncidentUnderItsNameAndClearsWhenADeviceSendsAgain() {
        SilentEnterprises.Silent silent = new SilentEnterprises.Silent("binhai", "grid-east-01", T0, 2);
        List<SystemIncidentPlan.Step> raise = SystemIncidentPlan.due(stages(StageState.OK), List.of(silent), List.of(), T0);
        assertThat(raise).singleElement().satisfies(step -> {
            assertThat(step.event().enterprise()).isEqualTo("binhai");
            assertThat(step.event().alarmKey()).isEqualTo("binhai/monitoring/silent/MONITORING");
            assertThat(step.note()).contains("all 2 devices of binhai are offline");
        });
        ActiveAlarm open = ActiveAlarm.openedBy(raise.get(0).event(), "grid-east-01");
        assertThat(SystemIncidentPlan.due(stages(StageState.OK), List.of(), List.of(open), T0.plusSeconds(9)))
                .singleElement().satisfies(step -> assertThat(step.event().transition()).isEqualTo(AlarmTransition.CLEARED));
    }

    @Test
    void anEnterpriseIsSilentOnlyWhenEveryRegisteredDeviceIsOffline() {
        SilentEnterprises rule = new SilentEnterprises(Map.of("binhai", Map.of(
                "machine-room-1", Set.of("nh3-01", "nh3-02"),
                "tank-farm", Set.of("lel-01"))));
        ActiveAlarm deviceOffline = offline("binhai", "tank-farm", "", T0);
        ActiveAlarm nh301 = offline("binhai", "machine-room-1", "nh3-01", T0.plusSeconds(5));
        ActiveAlarm nh302 = offline("binhai", "machine-room-1", "nh3-02", T0.plusSeconds(9));

        assertThat(rule.find(List.of(deviceOffline, nh301))).as("nh3-02 still sends").isEmpty();
        assertThat(rule.find(List.of(deviceOffline, nh301, nh302))).singleElement().satisfies(s -> {
            assertThat(s.enterprise()).isEqualTo("binhai");
            assertThat(s.since()).isEqualTo(T0.plusSeconds(9));
            assertThat(s.devices()).isEqualTo(2);
        });
        assertThat(rule.find(List.of(offline("other", "d", "", T0)))).as("not in the registry").isEmpty();
    }

    private static ActiveAlarm offline(String enterprise, String device, String sensor, Instant raised) {
        return new ActiveAlarm(enterprise + "/" + device + "/" + sensor + "/OFFLINE", AlarmLevel.FIRST, enterprise,
                "grid-east-01", device, sensor, null, AlarmEvent.OFFLINE, 60, 30.0, "s", "r", 1, raised, raised, null, null);
    }
}
