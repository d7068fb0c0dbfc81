package io.hazardwatch.alerts.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.DeliveryStatus;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.policy.AlertingPolicy.RetryPolicy;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.notify.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), 4);

    private static Incident incident(String sensor) {
        String key = "ent-a/tank-1/" + sensor + "/THRESHOLD";
        return Incident.open(new AlarmEvent(AlarmEvent.SCHEMA, key, "ent-a", "tank-1", sensor, SensorType.COMBUSTIBLE_GAS,
                "THRESHOLD", AlarmLevel.FIRST, AlarmTransition.RAISED, 30, 25.0, "%LEL", "r", 1, T0, T0, T0), "grid-1", T0);
    }

    private static DeliveryRecord queued(Incident i, Instant at) {
        return DeliveryRecord.queued(i.id() + "/step-0/m1", "step-0", "Member", "sms", "+861", at, at);
    }

    @Test
    void retriesBackOffAndGiveUpAfterTheLastAttempt() {
        DeliveryRecord d = queued(incident("lel-1"), T0);
        Outbox.Outcome busy = Outbox.Outcome.failed("503", true, null);

        DeliveryRecord first = Outbox.afterAttempt(d, busy, RETRY, T0);
        assertThat(first.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(first.nextAttemptAt()).isEqualTo(T0.plusSeconds(5));
        DeliveryRecord second = Outbox.afterAttempt(first, busy, RETRY, T0.plusSeconds(5));
        assertThat(second.nextAttemptAt()).isEqualTo(T0.plusSeconds(15));
        DeliveryRecord third = Outbox.afterAttempt(second, Outbox.Outcome.failed("429", true, Duration.ofSeconds(60)), RETRY,
                T0.plusSeconds(15));
        assertThat(third.nextAttemptAt()).isEqualTo(T0.plusSeconds(75));
        DeliveryRecord last = Outbox.afterAttempt(third, busy, RETRY, T0.plusSeconds(75));
        assertThat(last.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(last.attempts()).isEqualTo(4);
    }

    @Test
    void emergencyDispatchIsRetriedUntilAcceptedWithTheBackOffCappedButARefusalStillFails() {
        Incident i = incident("lel-1");
        DeliveryRecord d = DeliveryRecord.queued(i.id() + "/dispatch/TRIGGER", "dispatch/TRIGGER", "emergency dispatch",
                "dispatch", i.id(), T0, T0);
        Outbox.Outcome busy = Outbox.Outcome.failed("503", true, null);
        Instant at = T0;
        for (int attempt = 1; attempt <= 10; attempt++) {
            d = Outbox.afterAttempt(d, busy, RETRY, at);
            assertThat(d.status()).as("attempt " + attempt).isEqualTo(DeliveryStatus.RETRYING);
            assertThat(Duration.between(at, d.nextAttemptAt())).isLessThanOrEqualTo(RETRY.max());
            at = d.nextAttemptAt();
        }
        assertThat(d.attempts()).isEqualTo(10);
        assertThat(Outbox.afterAttempt(d, Outbox.Outcome.accepted("dispatch-1"), RETRY, at).status())
                .isEqualTo(DeliveryStatus.SENT);
        assertThat(Outbox.afterAttempt(d, Outbox.Outcome.failed("no notifier configured for channel 'dispatch'", false,
                null), RETRY, at).status()).isEqualTo(DeliveryStatus.FAILED);
    }

    @Test
    void aPermanentErrorFailsAtOnceAndSuccessIsSent() {
        DeliveryRecord d = queued(incident("lel-1"), T0);
        assertThat(Outbox.afterAttempt(d, Outbox.Outcome.failed("bad number", false, null), RETRY, T0).status())
                .isEqualTo(DeliveryStatus.FAILED);
        DeliveryRecord sent = Outbox.afterAttempt(d, Outbox.Outcome.accepted("p-1"), RETRY, T0);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.providerId()).isEqualTo("p-1");
        assertThat(sent.dueAt(T0.plusSeconds(600))).isFalse();
    }

    @Test
    void inAStormFurtherMessagesToOnePersonAboutOneEnterpriseAreHeldAndSentAsOne() {
        Duration window = Duration.ofSeconds(60);
        Incident a = incident("lel-1");
        a = a.queue(List.of(queued(a, T0)), "q", T0);
        DeliveryRecord sentA = a.deliveries().get(0).sent("p", T0);
        a = a.withDelivery(sentA, T0);
        List<Incident> all = new ArrayList<>(List.of(a));
        List<Incident> storm = new ArrayList<>();
        for (int n = 2; n <= 6; n++) {
            Incident b = incident("lel-" + n);
            Instant at = T0.plusSeconds(n);
            List<DeliveryRecord> held = Outbox.holdForStorm(List.of(queued(b, at)), "ent-a", all, window, at);
            b = b.queue(held, "q", at);
            all.add(b);
            storm.add(b);
        }

        assertThat(storm).allSatisfy(i -> assertThat(i.deliveries().get(0).nextAttemptAt()).isEqualTo(T0.plusSeconds(60)));
        assertThat(Outbox.due(all, Set.of(), T0.plusSeconds(59))).isEmpty();
        List<OutgoingNotification> due = Outbox.due(all, Set.of(), T0.plusSeconds(60));
        assertThat(due).singleElement().satisfies(outgoing -> {
            assertThat(outgoing.items()).hasSize(5);
            Notification grouped = NotificationText.plain(null).of(outgoing);
            assertThat(grouped.subject()).isEqualTo("ent-a 5 起报警");
            assertThat(grouped.body()).contains("lel-2", "lel-6");
            assertThat(grouped.id()).endsWith("+4");
        });
        assertThat(Outbox.due(all, Set.of(storm.get(0).deliveries().get(0).id()), T0.plusSeconds(60)).get(0).items())
                .hasSize(4);
        assertThat(a.history()).extracting(IncidentEvent::type).contains(IncidentEvent.Type.DELIVERY);
    }
}
