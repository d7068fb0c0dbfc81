package io.hazardwatch.alerts.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.DeliveryStatus;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentBookTest;
import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.policy.AlertingPolicy.Person;
import io.hazardwatch.alerts.policy.AlertingPolicy.RotaEntry;
import io.hazardwatch.alerts.policy.AlertingPolicy.Shift;
import io.hazardwatch.alerts.policy.EscalationPolicy;
import io.hazardwatch.alerts.policy.EscalationPolicy.Step;
import io.hazardwatch.alerts.policy.GridRole;
import io.hazardwatch.alerts.policy.Rota;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Night calls decided with a driven clock, across the 22:00 and 07:00 boundaries (Asia/Shanghai = UTC+8). */
class VoiceCallsTest {

    /** 21:58 in Shanghai. */
    private static final Instant EVENING = Instant.parse("2026-11-24T13:58:00Z");
    /** 22:00 in Shanghai. */
    private static final Instant TEN_PM = Instant.parse("2026-11-24T14:00:00Z");
    private static final LocalTime NOON = LocalTime.NOON;

    private final AlertingPolicy policy = AlertingPolicy.of("Asia/Shanghai", new EscalationPolicy(List.of(
                    new Step(GridRole.GRID_MEMBER, Duration.ZERO, null),
                    new Step(GridRole.GRID_LEADER, Duration.ofMinutes(30), null)), null, 0),
            null, Duration.ZERO,
            List.of(new Person("night", "Night Member", "sms", "+8613800000002", "+8613800000002"),
                    new Person("mate", "Mate Without Phone", "sms", "+8613800000003"),
                    new Person("leader", "Leader", "wecom", "east", "+8613800000009")),
            List.of(new RotaEntry(GridRole.GRID_MEMBER, List.of("grid-1"), List.of(
                            new Shift("night", LocalTime.of(20, 0), LocalTime.of(8, 0), null),
                            new Shift("mate", LocalTime.of(20, 0), LocalTime.of(8, 0), null))),
                    new RotaEntry(GridRole.GRID_LEADER, List.of("grid-1"), List.of(new Shift("leader", NOON, NOON, null)))),
            null);
    private final EscalationPlanner planner = new EscalationPlanner(policy.escalation(), new Rota(policy));
    private final VoiceCalls calls = new VoiceCalls(policy.voice(), policy.escalation(), new Rota(policy),
            policy.timezone());

    /** What the incident policy does each tick: due steps, then due calls. */
    private Incident tick(Incident incident, Instant now) {
        return calls.settle(planner.fireDue(incident, now), now);
    }

    private static Incident opened(AlarmLevel level, Instant at) {
        return Incident.open(IncidentBookTest.gas(AlarmTransition.RAISED, level, 55, at, at), "grid-1", at);
    }

    private static List<DeliveryRecord> voice(Incident incident) {
        return incident.deliveries().stream().filter(d -> d.channel().equals("voice")).toList();
    }

    @Test
    void aSecondLevelAlarmBeforeTenPmIsTextedAndCalledOnlyFromTenPm() {
        Incident i = tick(opened(AlarmLevel.SECOND, EVENING), EVENING);
        assertThat(i.deliveries()).extracting(DeliveryRecord::channel).containsOnly("sms");
        assertThat(tick(i, TEN_PM.minusSeconds(1))).isSameAs(i);

        Incident called = tick(i, TEN_PM);

        assertThat(voice(called)).singleElement().satisfies(call -> {
            assertThat(call.id()).isEqualTo(called.id() + "/voice-1/night");
            assertThat(call.address()).isEqualTo("+8613800000002");
            assertThat(call.recipient()).isEqualTo("Night Member");
            assertThat(call.status()).isEqualTo(DeliveryStatus.QUEUED);
            assertThat(call.nextAttemptAt()).isEqualTo(TEN_PM);
        });
    }

    @Test
    void callsAgainEveryRetryEveryUpToMaxCalls() {
        Incident i = tick(opened(AlarmLevel.SECOND, TEN_PM), TEN_PM);
        assertThat(voice(i)).hasSize(1);
        assertThat(tick(i, TEN_PM.plusSeconds(119))).isSameAs(i);
        for (int k = 2; k <= 5; k++) {
            i = tick(i, TEN_PM.plus(Duration.ofMinutes(2L * (k - 1))));
            assertThat(voice(i)).as("call " + k).hasSize(k);
            assertThat(voice(i).get(k - 1).purpose()).isEqualTo("voice-" + k);
        }
        assertThat(tick(i, TEN_PM.plus(Duration.ofMinutes(10)))).as("after maxCalls").isSameAs(i);
        assertThat(voice(i)).extracting(DeliveryRecord::purpose)
                .containsExactly("voice-1", "voice-2", "voice-3", "voice-4", "voice-5");
    }

    @Test
    void acknowledgementStopsTheCallsAtOnceAndDropsTheOneNotPlacedYet() {
        Incident i = tick(opened(AlarmLevel.SECOND, TEN_PM), TEN_PM);
        DeliveryRecord first = voice(i).get(0);
        i = i.withDelivery(first.sent("call-1", TEN_PM.plusSeconds(1)), TEN_PM.plusSeconds(1));
        i = tick(i, TEN_PM.plus(Duration.ofMinutes(2)));
        assertThat(voice(i)).hasSize(2);

        Instant ack = TEN_PM.plus(Duration.ofMinutes(2)).plusSeconds(5);
        Incident acked = calls.settle(i.acknowledge("li-na", ack), ack);

        assertThat(voice(acked)).extracting(DeliveryRecord::status)
                .containsExactly(DeliveryStatus.SENT, DeliveryStatus.FAILED);
        assertThat(voice(acked).get(1).lastError()).isEqualTo(VoiceCalls.DROPPED);
        assertThat(tick(acked, TEN_PM.plus(Duration.ofMinutes(8)))).as("no further calls").isSameAs(acked);
    }

    @Test
    void theCallsStopAtSevenInTheMorning() {
        Instant sixFiftyEight = Instant.parse("2026-11-24T22:58:00Z");
        Incident i = tick(opened(AlarmLevel.SECOND, sixFiftyEight), sixFiftyEight);
        assertThat(voice(i)).hasSize(1);

        Incident later = tick(i, Instant.parse("2026-11-24T23:00:00Z"));

        assertThat(voice(later)).as("07:00 is day").hasSize(1);
    }

    @Test
    void aFirstLevelWarningIsNotCalledByDefault() {
        Incident i = tick(opened(AlarmLevel.FIRST, TEN_PM), TEN_PM);
        assertThat(voice(i)).isEmpty();
    }

    @Test
    void callsGoToTheStepReachedLastAndNobodyIsCalledBeforeAnyStepFired() {
        VoiceCalls only = calls;
        Incident unescalated = opened(AlarmLevel.SECOND, TEN_PM);
        assertThat(only.settle(unescalated, TEN_PM)).as("no step fired yet").isSameAs(unescalated);

        Instant half = TEN_PM.plus(Duration.ofMinutes(30));
        Incident i = tick(tick(unescalated, TEN_PM), half);

        assertThat(voice(i)).extracting(DeliveryRecord::id)
                .containsExactly(i.id() + "/voice-1/night", i.id() + "/voice-2/leader");
        assertThat(i.fired()).containsKeys("voice-1", "voice-2");
        assertThat(Map.copyOf(i.fired())).containsEntry("voice-2", half);
    }

    @Test
    void aSilencedIncidentIsNotCalled() {
        Incident i = planner.fireDue(opened(AlarmLevel.SECOND, TEN_PM), TEN_PM).withSuppression("silence s-1", TEN_PM);
        assertThat(calls.settle(i, TEN_PM)).isSameAs(i);
    }
}
