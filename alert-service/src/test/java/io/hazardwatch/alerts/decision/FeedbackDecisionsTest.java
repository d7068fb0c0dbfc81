package io.hazardwatch.alerts.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.escalation.EscalationPlanner;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentBook;
import io.hazardwatch.alerts.incident.IncidentBook.Change;
import io.hazardwatch.alerts.incident.IncidentEvent.Type;
import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.policy.AlertingPolicy.Person;
import io.hazardwatch.alerts.policy.AlertingPolicy.RotaEntry;
import io.hazardwatch.alerts.policy.AlertingPolicy.Shift;
import io.hazardwatch.alerts.policy.EscalationPolicy;
import io.hazardwatch.alerts.policy.EscalationPolicy.Step;
import io.hazardwatch.alerts.policy.GridRole;
import io.hazardwatch.alerts.policy.Rota;
import io.hazardwatch.alerts.watchdog.Stage;
import io.hazardwatch.alerts.watchdog.SystemAlarms;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The feedback's decisions as the engine's policy makes them: deadlines, the request, late marks, the grid told again. */
class FeedbackDecisionsTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final LocalTime MIDNIGHT = LocalTime.MIDNIGHT;

    private final AlertingPolicy alerting = AlertingPolicy.of("Asia/Shanghai", new EscalationPolicy(List.of(
                    new Step(GridRole.GRID_MEMBER, Duration.ZERO, null),
                    new Step(GridRole.GRID_LEADER, Duration.ofMinutes(5), null),
                    new Step(GridRole.DISPATCH, Duration.ofMinutes(30), AlarmLevel.SECOND)),
                    null, 0),
            null, Duration.ZERO,
            List.of(new Person("member", "Member", "sms", "+861"), new Person("leader", "Leader", "wecom", "east")),
            List.of(new RotaEntry(GridRole.GRID_MEMBER, List.of("grid-1"), List.of(new Shift("member", MIDNIGHT, MIDNIGHT, null))),
                    new RotaEntry(GridRole.GRID_LEADER, List.of("grid-1"), List.of(new Shift("leader", MIDNIGHT, MIDNIGHT, null)))),
            null, null, null, null, null, Map.of("ent-a", List.of(new Person("ent-a-safety", "Safety A", "sms", "+862"))));
    private final IncidentPolicy policy = new IncidentPolicy(alerting,
            new EscalationPlanner(alerting.escalation(), new Rota(alerting)));
    private final IncidentBook book = new IncidentBook(e -> Optional.of("grid-1"));

    private static AlarmEvent alarm(String enterprise, AlarmLevel level, AlarmTransition transition, Instant at) {
        return new AlarmEvent(AlarmEvent.SCHEMA, enterprise + "/tank-1/lel-1/THRESHOLD", enterprise, "tank-1", "lel-1",
                SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, level, transition, 30, 25.0, "%LEL", "r", 1, T0, at, at);
    }

    private Incident apply(AlarmEvent event, Instant now) {
        Change change = book.apply(event, now).get(0);
        Incident settled = policy.settle(change.before(), change.after(), book, List.of(), now);
        book.update(change.before(), settled);
        return settled;
    }

    private Incident tick(Incident incident, Instant now) {
        Incident next = policy.settle(incident, incident, book, List.of(), now);
        book.update(incident, next);
        return next;
    }

    private static List<String> purposes(Incident incident) {
        return incident.deliveries().stream().map(DeliveryRecord::purpose).toList();
    }

    @Test
    void deadlinesCountFromOpeningByLevelAndALevelRiseMakesThemSooner() {
        Incident first = apply(alarm("ent-a", AlarmLevel.FIRST, AlarmTransition.RAISED, T0), T0);
        assertThat(first.feedback().confirmBy()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(first.feedback().reportBy()).isEqualTo(T0.plus(Duration.ofMinutes(120)));

        Incident second = apply(alarm("ent-a", AlarmLevel.SECOND, AlarmTransition.ESCALATED, T0.plusSeconds(60)),
                T0.plusSeconds(60));
        assertThat(second.feedback().confirmBy()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(second.feedback().reportBy()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    }

    @Test
    void theEnterprisesContactsAreAskedOnceWhenTheIncidentOpens() {
        Incident opened = apply(alarm("ent-a", AlarmLevel.FIRST, AlarmTransition.RAISED, T0), T0);
        assertThat(opened.deliveries()).filteredOn(d -> d.purpose().equals(Feedback.REQUEST_PURPOSE))
                .extracting(DeliveryRecord::recipient).containsExactly("Safety A");
        Incident later = tick(opened, T0.plusSeconds(10));
        assertThat(purposes(later)).filteredOn(Feedback.REQUEST_PURPOSE::equals).hasSize(1);

        Incident other = apply(alarm("ent-b", AlarmLevel.FIRST, AlarmTransition.RAISED, T0), T0);
        assertThat(purposes(other)).doesNotContain(Feedback.REQUEST_PURPOSE);
    }

    @Test
    void anUnansweredPartIsMarkedLateAndTheStepsFireAgainEachOnce() {
        Incident opened = apply(alarm("ent-a", AlarmLevel.SECOND, AlarmTransition.RAISED, T0), T0);
        Incident acked = opened.acknowledge("duty", T0.plusSeconds(30));
        book.update(opened, acked);

        Incident beforeDeadline = tick(acked, T0.plus(Duration.ofMinutes(5)).minusMillis(1));
        assertThat(beforeDeadline.feedback().late()).isEmpty();

        Instant due = T0.plus(Duration.ofMinutes(5));
        Incident late = tick(beforeDeadline, due);
        assertThat(late.feedback().late()).containsExactly(Feedback.CONFIRM);
        assertThat(late.history()).extracting(e -> e.type()).contains(Type.FEEDBACK_OVERDUE);
        assertThat(purposes(late)).containsOnlyOnce("feedback-overdue/step-0").doesNotContain("feedback-overdue/step-1");

        Incident leaderToo = tick(tick(late, due.plusSeconds(60)), due.plus(Duration.ofMinutes(5)));
        assertThat(purposes(leaderToo)).containsOnlyOnce("feedback-overdue/step-0").containsOnlyOnce("feedback-overdue/step-1")
                .noneMatch(p -> p.startsWith("feedback-overdue/step-2")); // dispatch is the alarm's, not the answer's
        // the report's deadline passes too: marked late, but each step was told once already
        Incident reportLate = tick(leaderToo, due.plus(Duration.ofMinutes(50)));
        assertThat(reportLate.feedback().late()).containsExactly(Feedback.CONFIRM, Feedback.REPORT);
        assertThat(reportLate.deliveries()).hasSameSizeAs(leaderToo.deliveries());
        assertThat(tick(reportLate, due.plus(Duration.ofMinutes(55)))).isSameAs(reportLate);
    }

    @Test
    void noMoreGridMessagesOnceTheLatePartIsAnswered() {
        Incident opened = apply(alarm("ent-a", AlarmLevel.SECOND, AlarmTransition.RAISED, T0), T0);
        Instant due = T0.plus(Duration.ofMinutes(5));
        Incident late = tick(opened, due);
        Incident confirmed = late.confirmFeedback("ent-a-user", due.plusSeconds(10));
        book.update(late, confirmed);

        Incident after = tick(confirmed, due.plus(Duration.ofMinutes(6)));
        assertThat(purposes(after)).doesNotContain("feedback-overdue/step-1");
    }

    @Test
    void theSystemsOwnIncidentsNeedNoFeedback() {
        Incident system = apply(SystemAlarms.raised(Stage.DETECTION, T0, T0), T0);
        assertThat(system.feedback().needed()).isFalse();
        Incident later = tick(system, T0.plus(Duration.ofHours(3)));
        assertThat(later.feedback().late()).isEmpty();
        assertThat(purposes(later)).noneMatch(p -> p.startsWith("feedback"));
    }

    @Test
    void anIncidentStoredWithoutDeadlinesIsNotAskedAfterwards() {
        Incident legacy = Incident.open(alarm("ent-a", AlarmLevel.FIRST, AlarmTransition.RAISED, T0), "grid-1", T0);
        book.restore(legacy);
        Incident later = tick(legacy, T0.plus(Duration.ofHours(3)));
        assertThat(later.feedback().needed()).isFalse();
        assertThat(purposes(later)).noneMatch(p -> p.startsWith("feedback"));
    }
}
