package io.hazardwatch.alerts.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.policy.AlertingPolicy.RetryPolicy;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.notify.dispatch.DispatchEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An update to dispatch references the trigger by the sent time the accepted trigger carried, not its queued time. */
class TriggerSentTimeTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(1), 5);

    @Test
    void anUpdateAfterARetriedTriggerNamesTheSentTimeOfTheTriggerDispatchAccepted() {
        Incident incident = Incident.open(new AlarmEvent(AlarmEvent.SCHEMA, "threshold:ent-a/tank-1/lel-1", "ent-a",
                "tank-1", "lel-1", SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.SECOND,
                AlarmTransition.RAISED, 55, 50.0, "%LEL", "r1", 1, T0, T0, T0), "grid-1", T0);
        DeliveryRecord trigger = DeliveryRecord.queued(incident.id() + "/dispatch/TRIGGER", "dispatch/TRIGGER",
                "emergency dispatch", "dispatch", incident.id(), T0, T0);
        DeliveryRecord update = DeliveryRecord.queued(incident.id() + "/dispatch/UPDATE", "dispatch/UPDATE",
                "emergency dispatch", "dispatch", incident.id(), T0.plusSeconds(60), T0.plusSeconds(60));
        // refused once, accepted on the retry; the message said it was sent at T0 + 5 s
        DeliveryRecord retried = Outbox.afterAttempt(trigger, Outbox.Outcome.failed("503", true, null), RETRY, T0);
        DeliveryRecord accepted = Outbox.afterAttempt(retried, Outbox.Outcome.accepted("hw-1/t", T0.plusSeconds(5)), RETRY,
                T0.plusSeconds(6));
        incident = incident.queue(List.of(accepted, update), "dispatch", T0.plusSeconds(60));

        DispatchEvent event = NotificationText.dispatchEvent(new OutgoingNotification("dispatch", incident.id(),
                "emergency dispatch", "ent-a", List.of(new OutgoingNotification.Item(incident, update))));

        assertThat(accepted.sentAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(accepted.updatedAt()).isEqualTo(T0.plusSeconds(6));
        assertThat(event.incidentStarted()).isEqualTo(T0.plusSeconds(5));
        assertThat(Outbox.afterAttempt(trigger, Outbox.Outcome.accepted("p"), RETRY, T0.plusSeconds(2)).sentAt())
                .as("a message carrying no sent time: when it was accepted").isEqualTo(T0.plusSeconds(2));
    }
}
