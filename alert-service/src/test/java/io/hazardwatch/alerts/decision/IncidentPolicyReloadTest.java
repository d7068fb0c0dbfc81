package io.hazardwatch.alerts.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.escalation.EscalationPlanner;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentBook;
import io.hazardwatch.alerts.incident.IncidentBook.Change;
import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.policy.AlertingPolicy.Person;
import io.hazardwatch.alerts.policy.AlertingPolicy.RotaEntry;
import io.hazardwatch.alerts.policy.AlertingPolicy.Shift;
import io.hazardwatch.alerts.policy.EscalationPolicy;
import io.hazardwatch.alerts.policy.EscalationPolicy.Step;
import io.hazardwatch.alerts.policy.GridRole;
import io.hazardwatch.alerts.policy.Rota;
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

/** A reloaded alerting policy (issue 21, shifts): the next decisions follow the new rota, fired steps stay fired. */
class IncidentPolicyReloadTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final LocalTime MIDNIGHT = LocalTime.of(0, 0);

    private static AlertingPolicy onCall(String member) {
        return AlertingPolicy.of("Asia/Shanghai", new EscalationPolicy(List.of(
                        new Step(GridRole.GRID_MEMBER, Duration.ZERO, null)), Duration.ofHours(1), 0),
                null, Duration.ZERO, List.of(new Person(member, member, "sms", "+86-" + member)),
                List.of(new RotaEntry(GridRole.GRID_MEMBER, List.of("grid-1"),
                        List.of(new Shift(member, MIDNIGHT, MIDNIGHT, null)))), null);
    }

    private static AlarmEvent raised(String sensor) {
        return new AlarmEvent(AlarmEvent.SCHEMA, "ent-a/tank-1/" + sensor + "/THRESHOLD", "ent-a", "tank-1", sensor,
                SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.FIRST, AlarmTransition.RAISED, 30, 25.0,
                "%LEL", "r", 1, T0, T0, T0);
    }

    @Test
    void afterAReloadTheNextIncidentGoesToTheNewRotasMember() {
        AlertingPolicy before = onCall("wang");
        IncidentPolicy policy = new IncidentPolicy(before, new EscalationPlanner(before.escalation(), new Rota(before)));
        IncidentBook book = new IncidentBook(e -> Optional.of("grid-1"));

        Change first = book.apply(raised("lel-1"), T0).get(0);
        Incident toWang = policy.settle(first.before(), first.after(), book, List.of(), T0);
        book.update(first.before(), toWang);
        policy.use(onCall("zhao"));
        Change second = book.apply(raised("lel-2"), T0).get(0);
        Incident toZhao = policy.settle(second.before(), second.after(), book, List.of(), T0);

        assertThat(toWang.deliveries()).extracting(DeliveryRecord::recipient).containsExactly("wang");
        assertThat(toZhao.deliveries()).extracting(DeliveryRecord::recipient).containsExactly("zhao");
        assertThat(policy.settle(toWang, toWang, book, List.of(), T0.plusSeconds(60))).as("step-0 already fired")
                .isSameAs(toWang);
    }
}
