package io.hazardwatch.alerts.danger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.incident.LifecycleException;
import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.model.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifecycle of a hidden danger: the moves its status allows, the ones it refuses, audit and bounds. */
class HiddenDangerTest {

    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    static final Instant DEADLINE = T0.plus(Duration.ofDays(7));

    static HiddenDanger reported(Severity severity) {
        return HiddenDanger.report("danger-20261206-1", "ent-a", "grid-1", "tank farm B", "valve V-12 leaks",
                "packing worn", severity, DangerSource.INSPECTION, List.of(), null, null, "replace packing", DEADLINE,
                "Li Ming", "grid1", T0);
    }

    @Test
    void goesFromReportedThroughRectifyingAndSubmittedToAcceptedOnTimeAndClosedAuditingEachMove() {
        HiddenDanger d = reported(Severity.GENERAL)
                .start("ent-user", "new packing ordered", null, T0.plusSeconds(60))
                .progress("ent-user", "packing replaced", T0.plusSeconds(120))
                .submit("ent-user", "please check", T0.plusSeconds(180))
                .accept("grid1", "checked on site", T0.plusSeconds(240))
                .close("grid1", null, T0.plusSeconds(300));

        assertThat(d.status()).isEqualTo(DangerStatus.CLOSED);
        assertThat(d.acceptedOnTime()).isTrue();
        assertThat(d.acceptedAt()).isEqualTo(T0.plusSeconds(240));
        assertThat(d.closedAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(d.measures()).isEqualTo("new packing ordered");
        assertThat(d.responsible()).isEqualTo("Li Ming");
        assertThat(d.history()).extracting(HiddenDanger.Change::action)
                .containsExactly("created", "start", "progress", "submit", "accept", "close");
        assertThat(d.history()).extracting(HiddenDanger.Change::by)
                .containsExactly("grid1", "ent-user", "ent-user", "ent-user", "grid1", "grid1");
        assertThat(d.progress()).extracting(HiddenDanger.Note::text)
                .containsExactly("packing replaced", "please check", "checked on site");
    }

    @Test
    void aSentBackDangerIsRectifiedAgainAndAcceptedLateAfterItsDeadline() {
        HiddenDanger d = reported(Severity.GENERAL).start("e", null, null, T0).submit("e", null, T0)
                .sendBack("grid1", "still leaking", T0.plusSeconds(10));
        assertThat(d.status()).isEqualTo(DangerStatus.SENT_BACK);
        d = d.start("e", null, null, T0.plusSeconds(20)).submit("e", null, T0.plusSeconds(30))
                .accept("grid1", null, DEADLINE.plusSeconds(1));
        assertThat(d.status()).isEqualTo(DangerStatus.ACCEPTED);
        assertThat(d.acceptedOnTime()).isFalse();
    }

    @Test
    void refusesMovesItsStatusDoesNotAllowSayingWhy() {
        HiddenDanger d = reported(Severity.GENERAL);
        assertThatThrownBy(() -> d.accept("grid1", null, T0)).isInstanceOf(LifecycleException.class)
                .hasMessageContaining("cannot accept").hasMessageContaining("REPORTED").hasMessageContaining("SUBMITTED");
        assertThatThrownBy(() -> d.submit("e", null, T0)).isInstanceOf(LifecycleException.class);
        assertThatThrownBy(() -> d.close("grid1", null, T0)).isInstanceOf(LifecycleException.class);
        HiddenDanger submitted = d.start("e", null, null, T0).submit("e", null, T0);
        assertThatThrownBy(() -> submitted.start("e", null, null, T0)).isInstanceOf(LifecycleException.class);
        assertThatThrownBy(() -> submitted.sendBack("grid1", " ", T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("text:");
    }

    @Test
    void onlyAMajorDangerGoesUnderSupervisionAndNotOnceClosed() {
        assertThatThrownBy(() -> reported(Severity.GENERAL).supervise("duty", SupervisionLevel.CITY, T0))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("MAJOR");
        HiddenDanger d = reported(Severity.MAJOR).supervise("duty", SupervisionLevel.CITY, T0.plusSeconds(5));
        assertThat(d.supervision()).isEqualTo(new HiddenDanger.Supervision(SupervisionLevel.CITY, "duty", T0.plusSeconds(5)));
        assertThat(d.supervise("duty", null, T0).supervision()).isNull();
        HiddenDanger closed = d.start("e", null, null, T0).submit("e", null, T0).accept("g", null, T0).close("g", null, T0);
        assertThatThrownBy(() -> closed.supervise("duty", SupervisionLevel.STREET, T0)).isInstanceOf(LifecycleException.class);
    }

    @Test
    void becomesOverdueOnceItsDeadlinePassesUnacceptedAndStaysSoOnlyUntilAccepted() {
        HiddenDanger d = reported(Severity.MAJOR).start("e", null, null, T0);
        assertThat(d.checkOverdue(DEADLINE)).isSameAs(d);
        HiddenDanger overdue = d.checkOverdue(DEADLINE.plusSeconds(1));
        assertThat(overdue.overdueSince()).isEqualTo(DEADLINE);
        assertThat(overdue.overdueNow()).isTrue();
        assertThat(overdue.history().get(overdue.history().size() - 1).action()).isEqualTo("overdue");
        assertThat(overdue.checkOverdue(DEADLINE.plusSeconds(99))).isSameAs(overdue);
        HiddenDanger accepted = overdue.submit("e", null, DEADLINE.plusSeconds(100)).accept("g", null, DEADLINE.plusSeconds(200));
        assertThat(accepted.overdueNow()).isFalse();
        assertThat(accepted.acceptedOnTime()).isFalse();
        HiddenDanger acceptedInTime = d.submit("e", null, T0).accept("g", null, T0);
        assertThat(acceptedInTime.checkOverdue(DEADLINE.plusSeconds(1))).isSameAs(acceptedInTime);
    }

    @Test
    void refusesBadInputNamingTheField() {
        assertThatThrownBy(() -> HiddenDanger.report("x", "ent-a", "grid-1", null, " ", null, Severity.GENERAL,
                DangerSource.INSPECTION, null, null, null, null, DEADLINE, null, "g", T0)).hasMessageStartingWith("title:");
        assertThatThrownBy(() -> HiddenDanger.report("x", "ent-a", "grid-1", null, "t", null, null,
                DangerSource.INSPECTION, null, null, null, null, DEADLINE, null, "g", T0)).hasMessageStartingWith("severity:");
        assertThatThrownBy(() -> HiddenDanger.report("x", "ent-a", "grid-1", null, "t", null, Severity.MAJOR,
                DangerSource.INSPECTION, null, null, null, null, T0, null, "g", T0)).hasMessageStartingWith("deadline:");
        assertThatThrownBy(() -> HiddenDanger.report("x", "ent-a", "grid-1", null, "t", "x".repeat(5000),
                Severity.MAJOR, DangerSource.INSPECTION, null, null, null, null, DEADLINE, null, "g", T0))
                .hasMessageStartingWith("description:");
    }

    @Test
    void keepsOnlyTheNewestProgressNotesAndHistory() {
        HiddenDanger d = reported(Severity.GENERAL).start("e", null, null, T0);
        for (int i = 0; i < 130; i++) {
            d = d.progress("e", "step " + i, T0.plusSeconds(i));
        }
        assertThat(d.progress()).hasSize(HiddenDanger.PROGRESS_KEPT);
        assertThat(d.progress().get(HiddenDanger.PROGRESS_KEPT - 1).text()).isEqualTo("step 129");
        assertThat(d.history()).hasSize(HiddenDanger.HISTORY_KEPT);
        assertThat(d.history().get(HiddenDanger.HISTORY_KEPT - 1).detail()).isEqualTo("step 129");
    }

    @Test
    void roundTripsThroughItsStoredJson() throws Exception {
        HiddenDanger d = reported(Severity.MAJOR).supervise("duty", SupervisionLevel.DISTRICT, T0)
                .start("e", "m", "r", T0).checkOverdue(DEADLINE.plusSeconds(1)).submit("e", "done", DEADLINE.plusSeconds(2))
                .accept("g", null, DEADLINE.plusSeconds(3));
        Object tree = Json.MAPPER.readTree(Json.toBytes(d));
        assertThat(new Kept(HiddenDanger.KIND, d.id(), tree).as(HiddenDanger.class)).isEqualTo(d);
    }
}
