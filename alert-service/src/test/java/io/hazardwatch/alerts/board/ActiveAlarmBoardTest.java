package io.hazardwatch.alerts.board;

import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmLevel.NONE;
import static io.hazardwatch.model.AlarmLevel.SECOND;
import static io.hazardwatch.model.AlarmTransition.CLEARED;
import static io.hazardwatch.model.AlarmTransition.ESCALATED;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.board.ActiveAlarmBoard.Outcome;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActiveAlarmBoardTest {

    private static final String GAS = "ent-a/tank-1/lel-1/THRESHOLD";
    private static final String NH3 = "ent-b/room-1/nh3-1/THRESHOLD";
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    private final ActiveAlarmBoard board =
            new ActiveAlarmBoard(enterprise -> Optional.ofNullable(Map.of("ent-a", "grid-1").get(enterprise)));

    @Test
    void raisedOpensAnEntryWithTheAlarmDetailsAndTheEnterprisesGridCell() {
        Outcome outcome = board.apply(event(GAS, T0, RAISED, FIRST, 30, 25, T0));

        assertThat(outcome).isEqualTo(Outcome.OPENED);
        assertThat(board.get(GAS)).hasValueSatisfying(alarm -> {
            assertThat(alarm.level()).isEqualTo(FIRST);
            assertThat(alarm.enterprise()).isEqualTo("ent-a");
            assertThat(alarm.gridCell()).isEqualTo("grid-1");
            assertThat(alarm.device()).isEqualTo("tank-1");
            assertThat(alarm.sensor()).isEqualTo("lel-1");
            assertThat(alarm.sensorType()).isEqualTo(SensorType.COMBUSTIBLE_GAS);
            assertThat(alarm.value()).isEqualTo(30);
            assertThat(alarm.threshold()).isEqualTo(25);
            assertThat(alarm.unit()).isEqualTo("%LEL");
            assertThat(alarm.raisedAt()).isEqualTo(T0);
            assertThat(alarm.lastUpdate()).isEqualTo(T0);
        });
    }

    @Test
    void gridCellIsEmptyForAnEnterpriseTheRegistryDoesNotKnow() {
        board.apply(event(NH3, T0, RAISED, FIRST, 30, 25, T0));

        assertThat(board.get(NH3)).hasValueSatisfying(alarm -> assertThat(alarm.gridCell()).isNull());
    }

    @Test
    void escalationRaisesTheLevelAndKeepsWhenTheEpisodeWasRaised() {
        board.apply(event(GAS, T0, RAISED, FIRST, 30, 25, T0));

        Outcome outcome = board.apply(event(GAS, T0, ESCALATED, SECOND, 55, 50, T0.plusSeconds(40)));

        assertThat(outcome).isEqualTo(Outcome.ESCALATED);
        ActiveAlarm alarm = board.get(GAS).orElseThrow();
        assertThat(alarm.level()).isEqualTo(SECOND);
        assertThat(alarm.value()).isEqualTo(55);
        assertThat(alarm.threshold()).isEqualTo(50);
        assertThat(alarm.raisedAt()).isEqualTo(T0);
        assertThat(alarm.lastUpdate()).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void clearedRemovesTheEntry() {
        board.apply(event(GAS, T0, RAISED, FIRST, 30, 25, T0));

        Outcome outcome = board.apply(event(GAS, T0, CLEARED, NONE, 10, 25, T0.plusSeconds(90)));

        assertThat(outcome).isEqualTo(Outcome.CLEARED);
        assertThat(board.get(GAS)).isEmpty();
        assertThat(board.snapshot()).isEmpty();
    }

    @Test
    void redeliveredRaisedIsReportedAsDuplicateAndChangesNothing() {
        board.apply(event(GAS, T0, RAISED, FIRST, 30, 25, T0));
        ActiveAlarm before = board.get(GAS).orElseThrow();

        Outcome outcome = board.apply(event(GAS, T0, RAISED, FIRST, 31, 25, T0.plusSeconds(5)));

        assertThat(outcome).isEqualTo(Outcome.DUPLICATE);
        assertThat(outcome.changedBoard()).isFalse();
        assertThat(board.get(GAS)).contains(before);
    }

    @Test
    void redeliveredEscalationIsReportedAsDuplicate() {
        board.apply(event(GAS, T0, RAISED, FIRST, 30, 25, T0));
        board.apply(event(GAS, T0, ESCALATED, SECOND, 55, 50, T0.plusSeconds(40)));

        assertThat(board.apply(event(GAS, T0, ESCALATED, SECOND, 55, 50, T0.plusSeconds(40))))
                .isEqualTo(Outcome.DUPLICATE);
        assertThat(board.get(GAS).orElseThrow().level()).isEqualTo(SECOND);
    }

    @Test
    void replayOfAClearedEpisodeNeitherReopensNorClearsAgain() {
        board.apply(event(GAS, T0, RAISED, FIRST, 30, 25, T0));
        board.apply(event(GAS, T0, CLEARED, NONE, 10, 25, T0.plusSeconds(90)));

        assertThat(board.apply(event(GAS, T0, RAISED, FIRST, 30, 25, T0))).isEqualTo(Outcome.DUPLICATE);
        assertThat(board.apply(event(GAS, T0, CLEARED, NONE, 10, 25, T0.plusSeconds(90)))).isEqualTo(Outcome.DUPLICATE);
        assertThat(board.snapshot()).isEmpty();
    }

    @Test
    void lateEscalationOfAClearedEpisodeIsStaleAndDoesNotReopenIt() {
        board.apply(event(GAS, T0, RAISED, FIRST, 30, 25, T0));
        board.apply(event(GAS, T0, CLEARED, NONE, 10, 25, T0.plusSeconds(90)));

        assertThat(board.apply(event(GAS, T0, ESCALATED, SECOND, 55, 50, T0.plusSeconds(40))))
                .isEqualTo(Outcome.STALE);
        assertThat(board.snapshot()).isEmpty();
    }

    @Test
    void escalationOfAnEpisodeNeverSeenRaisedOpensItAtTheEscalatedLevel() {
        Outcome outcome = board.apply(event(GAS, T0, ESCALATED, SECOND, 55, 50, T0.plusSeconds(40)));

        assertThat(outcome).isEqualTo(Outcome.OPENED);
        ActiveAlarm alarm = board.get(GAS).orElseThrow();
        assertThat(alarm.level()).isEqualTo(SECOND);
        assertThat(alarm.raisedAt()).isEqualTo(T0);
        assertThat(alarm.lastUpdate()).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void staleClearedOfAnOlderEpisodeDoesNotCloseTheNewerOne() {
        Instant second = T0.plusSeconds(600);
        board.apply(event(GAS, second, RAISED, FIRST, 30, 25, second));

        Outcome outcome = board.apply(event(GAS, T0, CLEARED, NONE, 10, 25, T0.plusSeconds(90)));

        assertThat(outcome).isEqualTo(Outcome.STALE);
        assertThat(board.get(GAS).orElseThrow().raisedAt()).isEqualTo(second);
    }

    @Test
    void clearedOfAnUnseenEpisodeChangesNothingAndKeepsItsLateRaisedOut() {
        assertThat(board.apply(event(GAS, T0, CLEARED, NONE, 10, 25, T0.plusSeconds(90)))).isEqualTo(Outcome.STALE);

        assertThat(board.apply(event(GAS, T0, RAISED, FIRST, 30, 25, T0))).isEqualTo(Outcome.STALE);
        assertThat(board.snapshot()).isEmpty();
    }

    @Test
    void aNewEpisodeReplacesAnEntryWhoseClearedWasLost() {
        Instant second = T0.plusSeconds(600);
        board.apply(event(GAS, T0, RAISED, SECOND, 60, 50, T0));

        Outcome outcome = board.apply(event(GAS, second, RAISED, FIRST, 30, 25, second));

        assertThat(outcome).isEqualTo(Outcome.OPENED);
        ActiveAlarm alarm = board.get(GAS).orElseThrow();
        assertThat(alarm.raisedAt()).isEqualTo(second);
        assertThat(alarm.level()).isEqualTo(FIRST);
        assertThat(board.apply(event(GAS, T0, CLEARED, NONE, 10, 50, T0.plusSeconds(90)))).isEqualTo(Outcome.STALE);
        assertThat(board.size()).isEqualTo(1);
    }

    @Test
    void clearedOfANewerEpisodeRemovesAnEntryWhoseClearedWasLost() {
        board.apply(event(GAS, T0, RAISED, FIRST, 30, 25, T0));

        Outcome outcome = board.apply(event(GAS, T0.plusSeconds(600), CLEARED, NONE, 10, 25, T0.plusSeconds(700)));

        assertThat(outcome).isEqualTo(Outcome.CLEARED);
        assertThat(board.snapshot()).isEmpty();
    }

    @Test
    void theSameKeyAlarmsAgainInANewEpisodeAfterItCleared() {
        board.apply(event(GAS, T0, RAISED, FIRST, 30, 25, T0));
        board.apply(event(GAS, T0, CLEARED, NONE, 10, 25, T0.plusSeconds(90)));

        Outcome outcome = board.apply(event(GAS, T0.plusSeconds(300), RAISED, FIRST, 28, 25, T0.plusSeconds(300)));

        assertThat(outcome).isEqualTo(Outcome.OPENED);
        assertThat(board.get(GAS).orElseThrow().raisedAt()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void aRaisedAfterAnEscalationOfTheSameEpisodeDoesNotLowerTheLevel() {
        board.apply(event(GAS, T0, ESCALATED, SECOND, 55, 50, T0.plusSeconds(40)));

        Outcome outcome = board.apply(event(GAS, T0, RAISED, FIRST, 30, 25, T0));

        assertThat(outcome).isEqualTo(Outcome.STALE);
        assertThat(board.get(GAS).orElseThrow().level()).isEqualTo(SECOND);
    }

    @Test
    void snapshotListsSecondLevelBeforeFirstLevelThenNewestFirst() {
        board.apply(event("k/old-first", T0, RAISED, FIRST, 30, 25, T0));
        board.apply(event("k/new-first", T0.plusSeconds(60), RAISED, FIRST, 30, 25, T0.plusSeconds(60)));
        board.apply(event("k/old-second", T0.minusSeconds(60), RAISED, SECOND, 60, 50, T0.minusSeconds(60)));
        board.apply(event("k/new-second", T0.plusSeconds(30), RAISED, FIRST, 30, 25, T0.plusSeconds(30)));
        board.apply(event("k/new-second", T0.plusSeconds(30), ESCALATED, SECOND, 60, 50, T0.plusSeconds(45)));

        assertThat(board.snapshot()).extracting(ActiveAlarm::alarmKey)
                .containsExactly("k/new-second", "k/old-second", "k/new-first", "k/old-first");
    }

    @Test
    void refusesAnEventWithoutEpisodeStartOrARaiseToLevelNone() {
        assertThatThrownBy(() -> board.apply(event(GAS, null, RAISED, FIRST, 30, 25, T0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> board.apply(event(GAS, T0, RAISED, NONE, 30, 25, T0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(board.snapshot()).isEmpty();
    }

    static AlarmEvent event(String key, Instant episodeStart, AlarmTransition transition, AlarmLevel level,
                            double value, double threshold, Instant eventTime) {
        String[] parts = key.split("/");
        String enterprise = parts[0];
        String device = parts.length > 1 ? parts[1] : "dev";
        String sensor = parts.length > 2 ? parts[2] : "sensor";
        return new AlarmEvent(AlarmEvent.SCHEMA, key, enterprise, device, sensor, SensorType.COMBUSTIBLE_GAS,
                AlarmEvent.THRESHOLD, level, transition, value, threshold, "%LEL", "threshold:" + enterprise, 1,
                episodeStart, eventTime, eventTime == null ? null : eventTime.plusMillis(200));
    }
}
