package io.hazardwatch.alerts.danger;

import static io.hazardwatch.alerts.danger.Built.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.danger.DangerRegister.NewDanger;
import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentBook;
import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.model.AlarmLevel;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The register on a driven clock: an overdue danger becomes a casework incident of its enterprise (level by severity)
 * in a real {@link IncidentBook}, cleared once accepted; the real-alarm pattern creates one danger per sensor.
 */
class DangerRegisterTest {

    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    final InstantSource clock = now::get;
    final IncidentBook book = new IncidentBook(e -> Optional.of("grid-1"));
    final List<Incident> sensorIncidents = new ArrayList<>();
    final List<Kept> stored = new ArrayList<>();
    final DangerRegister register = new DangerRegister(new Dangers(), kept -> {
        stored.addAll(kept);
        return Future.succeededFuture();
    }, (event, note) -> book.apply(event, clock.instant()), () -> sensorIncidents, e -> "grid-1",
            AlarmPatterns.defaults(), SHANGHAI, clock);

    @Test
    void anOverdueMajorDangerRaisesASecondLevelCaseworkIncidentOnceAndAcceptanceClearsIt() {
        HiddenDanger d = report(Severity.MAJOR, T0.plus(Duration.ofDays(2)));
        assertThat(d.id()).isEqualTo("danger-20261206-1");
        register.check();
        assertThat(book.all()).isEmpty();

        now.set(T0.plus(Duration.ofDays(2)).plusSeconds(1));
        register.check();
        register.check();
        String incidentId = Incident.idOf(CaseAlarms.keyOf("ent-a", d.id(), CaseAlarms.DANGER_OVERDUE), d.deadline());
        assertThat(book.all()).extracting(Incident::id).containsExactly(incidentId);
        Incident raised = book.get(incidentId).orElseThrow();
        assertThat(raised.active()).isTrue();
        assertThat(raised.alarm().level()).isEqualTo(AlarmLevel.SECOND);
        assertThat(raised.alarm().enterprise()).isEqualTo("ent-a");
        assertThat(register.get(d.id()).orElseThrow().overdueSince()).isEqualTo(d.deadline());
        assertThat(stored).extracting(k -> ((HiddenDanger) k.value()).history().size()).containsExactly(1, 2);

        Instant later = clock.instant().plusSeconds(60);
        now.set(later);
        move(d.id(), x -> x.start("ent-user", null, null, later));
        move(d.id(), x -> x.submit("ent-user", null, later));
        assertThat(book.get(incidentId).orElseThrow().active()).isTrue();
        move(d.id(), x -> x.accept("grid1", null, later));
        assertThat(book.get(incidentId).orElseThrow().active()).isFalse();
        assertThat(register.get(d.id()).orElseThrow().acceptedOnTime()).isFalse();
    }

    @Test
    void anOverdueGeneralDangerRaisesAFirstLevelIncidentAgainAfterARestartAsTheSameIncident() {
        HiddenDanger d = report(Severity.GENERAL, T0.plus(Duration.ofDays(1)));
        now.set(T0.plus(Duration.ofDays(3)));
        register.check();
        Incident raised = book.all().iterator().next();
        assertThat(raised.alarm().level()).isEqualTo(AlarmLevel.FIRST);

        // a new instance reading the stored danger raises it again: same key and episode, the same incident
        DangerRegister restarted = new DangerRegister(new Dangers(), kept -> Future.succeededFuture(),
                (event, note) -> book.apply(event, clock.instant()), List::of, e -> "grid-1", AlarmPatterns.defaults(),
                SHANGHAI, clock);
        restarted.resume(List.of((HiddenDanger) stored.get(stored.size() - 1).value()));
        restarted.check();
        assertThat(book.all()).hasSize(1);
        assertThat(book.get(raised.id()).orElseThrow().active()).isTrue();
        assertThat(restarted.get(d.id()).orElseThrow().overdueSince()).isEqualTo(d.deadline());
    }

    @Test
    void theRealAlarmPatternCreatesOneDangerPerSensorLinkingItsIncidentsAndNotAgainWhileItIsOpen() {
        for (int day = 3; day >= 1; day--) {
            sensorIncidents.add(incident("ent-a", "lel-1", T0.minus(Duration.ofDays(day)), Cause.REAL_RELEASE));
        }
        register.check();
        register.check();
        assertThat(register.all()).hasSize(1);
        HiddenDanger d = register.all().iterator().next();
        assertThat(d.source()).isEqualTo(DangerSource.ALARM_PATTERN);
        assertThat(d.severity()).isEqualTo(Severity.GENERAL);
        assertThat(d.sensor()).isEqualTo("ent-a/tank-1/lel-1");
        assertThat(d.incidentIds()).containsExactlyElementsOf(sensorIncidents.stream().map(Incident::id).toList());
        assertThat(d.deadline()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(d.gridCell()).isEqualTo("grid-1");
        assertThat(stored).hasSize(1);

        // a fourth real release while the danger is open: still one danger
        sensorIncidents.add(incident("ent-a", "lel-1", T0.minusSeconds(60), Cause.REAL_RELEASE));
        register.check();
        assertThat(register.all()).hasSize(1);
    }

    private HiddenDanger report(Severity severity, Instant deadline) {
        return register.report(new NewDanger("ent-a", "tank farm", "valve leaks", null, severity,
                DangerSource.INSPECTION, List.of(), null, null, deadline, null), "grid1").result();
    }

    private void move(String id, java.util.function.UnaryOperator<HiddenDanger> move) {
        assertThat(register.change(id, move).succeeded()).isTrue();
    }
}
