package io.hazardwatch.alerts.commitment;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.board.BoardRow;
import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.config.CommitmentConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.store.IncidentStore;
import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The board row of an alarm on a unit declared under maintenance carries the declaration (computed on the server),
 * and only today's declaration of that very unit.
 */
class UnitMarksTest {

    private static final Instant NOW = Instant.parse("2026-12-06T02:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final Site SITE = new Site("ent-a", "A", "grid-1", List.of("tanks", "store"), true);

    private final CommitmentRules rules = new CommitmentRules(CommitmentConfig.DEFAULTS, ZoneId.of("Asia/Shanghai"),
            List.of(SITE));
    private final CommitmentBook book = new CommitmentBook(rules, null, null, Clock.fixed(NOW, ZoneOffset.UTC));
    private final UnitMarks marks = new UnitMarks((enterprise, device) -> device.equals("tank-1")
            ? Optional.of("tanks") : device.equals("room-1") ? Optional.of("store") : Optional.empty(), book,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private void declared(LocalDate date, UnitState tanks, SpecialWork... work) {
        SafetyCommitment commitment = new SafetyCommitment(SafetyCommitment.idOf("ent-a", date), "ent-a", date, "Li",
                "12345", List.of(new UnitDeclaration("tanks", tanks, List.of(work), null),
                new UnitDeclaration("store", UnitState.RUNNING, List.of(), null)), null, "u", NOW, NOW, false, List.of());
        // as the store hands it back after a start: the record's JSON tree
        book.resume(new IncidentStore.Snapshot(List.of(), List.of(new Kept(SafetyCommitment.KIND, commitment.id(),
                Json.MAPPER.valueToTree(commitment))), Map.of()));
    }

    private static BoardRow row(String device) {
        AlarmEvent event = new AlarmEvent(AlarmEvent.SCHEMA, "ent-a/" + device + "/gas-1/THRESHOLD", "ent-a", device,
                "gas-1", SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.SECOND, AlarmTransition.RAISED, 55,
                50.0, "%LEL", "r", 1, NOW, NOW, NOW);
        return BoardRow.of(Incident.open(event, "grid-1", NOW));
    }

    @Test
    void anAlarmOnAUnitUnderMaintenanceIsMarkedWithItsDeclaredStateAndSpecialWork() {
        declared(TODAY, UnitState.MAINTENANCE, SpecialWork.HOT_WORK);

        BoardRow marked = marks.apply(row("tank-1"));

        assertThat(marked.declared()).isEqualTo(new UnitDeclaration("tanks", UnitState.MAINTENANCE,
                List.of(SpecialWork.HOT_WORK), null));
        assertThat(Json.toString(marked)).contains("\"declared\":{\"unit\":\"tanks\",\"state\":\"MAINTENANCE\","
                + "\"specialWork\":[\"HOT_WORK\"]}");
        // the mark changes nothing else of the row: same incident, status, level
        assertThat(marked.withDeclared(null)).isEqualTo(row("tank-1"));
        assertThat(marks.apply(row("room-1")).declared().state()).isEqualTo(UnitState.RUNNING);
    }

    @Test
    void aSensorWithoutUnitOrAnEnterpriseWithoutTodaysCommitmentIsNotMarked() {
        assertThat(marks.apply(row("tank-1")).declared()).isNull();
        assertThat(Json.toString(marks.apply(row("tank-1")))).doesNotContain("declared");

        declared(TODAY.minusDays(1), UnitState.MAINTENANCE);
        assertThat(marks.apply(row("tank-1")).declared()).isNull();

        declared(TODAY, UnitState.MAINTENANCE);
        assertThat(marks.apply(row("office-1")).declared()).isNull();
    }

    @Test
    void aCaseworkIncidentIsNeverMarked() {
        declared(TODAY, UnitState.MAINTENANCE);
        BoardRow casework = BoardRow.of(Incident.open(CaseAlarms.raised("ent-a", "commitment-2026-12-06",
                CaseAlarms.COMMITMENT_MISSING, AlarmLevel.FIRST, NOW, NOW), "grid-1", NOW));
        assertThat(marks.apply(casework)).isSameAs(casework);
    }
}
