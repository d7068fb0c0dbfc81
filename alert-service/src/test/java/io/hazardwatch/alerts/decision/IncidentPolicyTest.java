package io.hazardwatch.alerts.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.escalation.EscalationPlanner;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.DeliveryStatus;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentBook;
import io.hazardwatch.alerts.incident.IncidentBook.Change;
import io.hazardwatch.alerts.outbox.Outbox;
import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.policy.AlertingPolicy.Person;
import io.hazardwatch.alerts.policy.AlertingPolicy.RotaEntry;
import io.hazardwatch.alerts.policy.AlertingPolicy.Shift;
import io.hazardwatch.alerts.policy.EscalationPolicy;
import io.hazardwatch.alerts.policy.EscalationPolicy.Step;
import io.hazardwatch.alerts.policy.GridRole;
import io.hazardwatch.alerts.policy.Rota;
import io.hazardwatch.alerts.suppress.Silence;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine's decisions on plain objects: no Vert.x, no Kafka, no clock but the instants given. */
class IncidentPolicyTest {

    // 08:00 UTC = 16:00 in Shanghai: the day member is on call
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final LocalTime NOON = LocalTime.of(12, 0);

    private final AlertingPolicy alerting = AlertingPolicy.of("Asia/Shanghai", new EscalationPolicy(List.of(
                    new Step(GridRole.GRID_MEMBER, Duration.ZERO, null),
                    new Step(GridRole.GRID_LEADER, Duration.ofMinutes(5), null)),
                    Duration.ofMinutes(10), 2),
            null, Duration.ofMinutes(1),
            List.of(new Person("day", "Day Member", "sms", "+861"), new Person("leader", "Leader", "wecom", "east")),
            List.of(new RotaEntry(GridRole.GRID_MEMBER, List.of("grid-1"), List.of(
                            new Shift("day", LocalTime.of(0, 0), LocalTime.of(0, 0), null))),
                    new RotaEntry(GridRole.GRID_LEADER, List.of("grid-1"), List.of(new Shift("leader", NOON, NOON, null)))),
            null);
    private final IncidentPolicy policy = new IncidentPolicy(alerting,
            new EscalationPlanner(alerting.escalation(), new Rota(alerting)));
    private final IncidentBook book = new IncidentBook(e -> Optional.of("grid-1"));

    private static AlarmEvent raised(String sensor, Instant at) {
        return new AlarmEvent(AlarmEvent.SCHEMA, "ent-a/tank-1/" + sensor + "/THRESHOLD", "ent-a", "tank-1", sensor,
                SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.FIRST, AlarmTransition.RAISED, 30, 25.0,
                "%LEL", "r", 1, at, at, at);
    }

    /** As the engine does: the book applies the alarm, the policy settles each change, the book keeps the result. */
    private Incident raise(String sensor, Instant at, List<Silence> silences) {
        Change change = book.apply(raised(sensor, at), at).get(0);
        Incident settled = policy.settle(change.before(), change.after(), book, silences, at);
        book.update(change.before(), settled);
        return settled;
    }

    private static List<String> recipients(Incident incident) {
        return incident.deliveries().stream().map(DeliveryRecord::recipient).toList();
    }

    @Test
    void aNewIncidentQueuesTheFirstStepAtOnceAndTheNextOnlyWhenItIsDue() {
        Incident opened = raise("lel-1", T0, List.of());
        assertThat(recipients(opened)).containsExactly("Day Member");

        assertThat(policy.settle(opened, opened, book, List.of(), T0.plusSeconds(299))).isSameAs(opened);
        Incident escalated = policy.settle(opened, opened, book, List.of(), T0.plus(Duration.ofMinutes(5)));
        assertThat(recipients(escalated)).containsExactly("Day Member", "Leader");
    }

    @Test
    void aSilencedIncidentIsRecordedButNobodyIsTold() {
        Silence calibration = new Silence("s1", "ent-a", "tank-1", null, null, T0, T0.plusSeconds(3600),
                "detector calibration", "duty", T0, false);

        Incident silenced = raise("lel-1", T0, List.of(calibration));

        assertThat(silenced.suppressedBy()).contains("silence s1");
        assertThat(silenced.deliveries()).isEmpty();
    }

    @Test
    void inAnAlarmStormFurtherMessagesToTheSameRecipientWaitTheWindowAndGoTogether() {
        Incident first = raise("lel-1", T0, List.of());
        Incident second = raise("lel-2", T0.plusSeconds(10), List.of());
        Incident third = raise("lel-3", T0.plusSeconds(20), List.of());

        assertThat(first.deliveries().get(0).nextAttemptAt()).isEqualTo(T0);
        assertThat(second.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.recipient()).isEqualTo("Day Member");
            assertThat(d.nextAttemptAt()).as("a storm window after the first").isEqualTo(T0.plusSeconds(60));
        });
        assertThat(third.deliveries().get(0).nextAttemptAt()).as("joins the one still waiting")
                .isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aSendAttemptsOutcomeIsRecordedOnItsMessage() {
        Incident opened = raise("lel-1", T0, List.of());
        String id = opened.deliveries().get(0).id();

        Incident sent = policy.afterAttempt(opened, id, Outbox.Outcome.accepted("p-1"), T0.plusSeconds(1));
        Incident retrying = policy.afterAttempt(opened, id, Outbox.Outcome.failed("503", true, null), T0.plusSeconds(1));

        assertThat(sent.deliveries().get(0).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(retrying.deliveries().get(0).status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(retrying.deliveries().get(0).nextAttemptAt()).isEqualTo(T0.plusSeconds(6));
    }

    @Test
    void onlyClosedSettledIncidentsWithNothingLeftToSendExpireAfterTheCutoff() {
        Incident open = raise("lel-1", T0, List.of());
        Incident closed = Incident.open(raised("lel-2", T0), "grid-1", T0).clearedBySystem("test", T0)
                .close("duty", "vented", null, T0.plusSeconds(60));
        Incident messageDue = raise("lel-3", T0, List.of()).clearedBySystem("test", T0)
                .close("duty", "vented", null, T0.plusSeconds(60));
        List<Incident> all = List.of(open, closed, messageDue);
        Instant cutoff = T0.plus(Duration.ofDays(30));

        assertThat(IncidentPolicy.expired(all, cutoff, i -> true)).containsExactly(closed.id());
        assertThat(IncidentPolicy.expired(all, cutoff, i -> false)).as("not settled").isEmpty();
        assertThat(IncidentPolicy.expired(all, T0, i -> true)).as("within retention").isEmpty();
    }
}
