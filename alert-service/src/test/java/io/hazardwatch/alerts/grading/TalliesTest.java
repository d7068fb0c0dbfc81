package io.hazardwatch.alerts.grading;

import static io.hazardwatch.alerts.grading.GradingFixtures.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TalliesTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private final GradingFixtures.RecordingWriter writer = new GradingFixtures.RecordingWriter();
    private final Tallies tallies = new Tallies(ZONE, writer);

    @Test
    void anIncidentIsTalliedOnceClosedOrAnsweredAndNeverTwice() {
        Incident open = incident("ent-a", "lel-1", AlarmLevel.SECOND, T0, null, false, null, false);
        tallies.record(open);
        assertThat(writer.kept).as("open and unanswered: nothing to tally yet").isEmpty();

        Incident answered = incident("ent-a", "lel-1", AlarmLevel.SECOND, T0, Duration.ofMinutes(3), false,
                Cause.REAL_RELEASE, false);
        tallies.record(answered);
        tallies.record(answered);
        assertThat(writer.kept).as("a change told twice is stored once").hasSize(1);
        assertThat(writer.kept.get(0).key()).isEqualTo("tally/ent-a/2026-12-06");

        Incident closedLate = incident("ent-a", "lel-1", AlarmLevel.SECOND, T0, Duration.ofMinutes(3), true,
                Cause.REAL_RELEASE, true);
        tallies.record(closedLate);
        History h = tallies.history("ent-a", TODAY, 30);
        assertThat(h).as("the same incident replaces its entry: one level-2 real release, late, acknowledged after 3 min")
                .isEqualTo(new History(1, 1, 1, 1, 0, 1, 1, 180));
        assertThat(h.meanAckMinutes()).isEqualTo(3.0);
    }

    @Test
    void afterARestartTheStoredTalliesComeBackAndTheSameIncidentsAreNotCountedAgain() {
        Incident a = incident("ent-a", "lel-1", AlarmLevel.FIRST, T0, Duration.ofMinutes(1), true, Cause.SENSOR_FAULT, false);
        Incident b = incident("ent-a", "lel-2", AlarmLevel.FIRST, T0.plusSeconds(60), null, true, null, true);
        tallies.record(a);
        tallies.record(b);

        Tallies restarted = new Tallies(ZONE, writer);
        restarted.resume(writer.stored(DailyTally.KIND, DailyTally.class));
        int writes = writer.kept.size();
        restarted.record(a);
        restarted.record(b);

        assertThat(writer.kept).as("nothing new to store").hasSize(writes);
        assertThat(restarted.history("ent-a", TODAY, 90)).as("two alarms, one a sensor fault, one answered late")
                .isEqualTo(new History(2, 0, 0, 1, 1, 1, 1, 60));
    }

    @Test
    void theWindowsCountTheirDaysAndOldTalliesAreDeleted() {
        tallies.record(incident("ent-a", "lel-1", AlarmLevel.FIRST, T0.minus(Duration.ofDays(10)), null, true, null, false));
        tallies.record(incident("ent-a", "lel-1", AlarmLevel.FIRST, T0.minus(Duration.ofDays(45)), null, true, null, false));
        tallies.record(incident("ent-a", "lel-1", AlarmLevel.FIRST, T0.minus(Duration.ofDays(95)), null, true, null, false));
        tallies.record(incident("ent-b", "lel-1", AlarmLevel.FIRST, T0, null, true, null, false));

        assertThat(tallies.history("ent-a", TODAY, 30).alarms()).isEqualTo(1);
        assertThat(tallies.history("ent-a", TODAY, 90).alarms()).isEqualTo(2);

        tallies.sweep(TODAY);
        assertThat(writer.deleted).containsExactly("tally/ent-a/2026-09-02");
        assertThat(tallies.history("ent-a", TODAY, 120).alarms()).isEqualTo(2);
    }

    @Test
    void aCaseworkIncidentIsNoAlarmOfTheRecord() {
        Incident caseIncident = new Incident("c", new io.hazardwatch.alerts.board.ActiveAlarm(
                CaseAlarms.keyOf("ent-a", "danger-1", CaseAlarms.DANGER_OVERDUE), AlarmLevel.FIRST, "ent-a", "grid-1",
                CaseAlarms.DEVICE, "danger-1", null, CaseAlarms.DANGER_OVERDUE, 0, null, null, "casework", 1, T0, T0,
                null, null), T0, false, T0, null, new io.hazardwatch.alerts.incident.Disposal("duty", T0, "done", null),
                java.util.List.of(), java.util.Set.of(), java.util.Map.of(), java.util.List.of(), null,
                java.util.List.of(), 1, null, null);
        tallies.record(caseIncident);
        assertThat(writer.kept).isEmpty();
    }
}
