package io.hazardwatch.alerts.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.incident.DeliveryRecord;
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
import org.junit.jupiter.api.Test;

class EscalationPlannerTest {

    // 08:00 UTC = 16:00 in Shanghai: the day member is on call
    private static final Instant T0 = IncidentBookTest.T0;
    private static final LocalTime NOON = LocalTime.of(12, 0);

    private final AlertingPolicy policy = AlertingPolicy.of("Asia/Shanghai", new EscalationPolicy(List.of(
                    new Step(GridRole.GRID_MEMBER, Duration.ZERO, null),
                    new Step(GridRole.GRID_LEADER, Duration.ofMinutes(5), null),
                    new Step(GridRole.SQUAD, Duration.ofMinutes(15), null),
                    new Step(GridRole.DISPATCH, Duration.ofMinutes(30), AlarmLevel.SECOND)),
                    Duration.ofMinutes(10), 2),
            null, null,
            List.of(new Person("day", "Day Member", "sms", "+861"), new Person("night", "Night Member", "sms", "+862"),
                    new Person("leader", "Leader", "wecom", "east"), new Person("squad", "Squad", "dingtalk", "sq")),
            List.of(new RotaEntry(GridRole.GRID_MEMBER, List.of("grid-1"), List.of(
                            new Shift("day", LocalTime.of(8, 0), LocalTime.of(20, 0), null),
                            new Shift("night", LocalTime.of(20, 0), LocalTime.of(8, 0), null))),
                    new RotaEntry(GridRole.GRID_LEADER, List.of("grid-1"), List.of(new Shift("leader", NOON, NOON, null))),
                    new RotaEntry(GridRole.SQUAD, List.of("*"), List.of(new Shift("squad", NOON, NOON, null)))),
            null);
    private final EscalationPlanner planner = new EscalationPlanner(policy.escalation(), new Rota(policy));

    private Incident opened(AlarmLevel level) {
        return Incident.open(IncidentBookTest.gas(AlarmTransition.RAISED, level, 55, T0, T0), "grid-1", T0);
    }

    private static List<String> queuedIds(Incident incident) {
        return incident.deliveries().stream().map(DeliveryRecord::id).map(id -> id.substring(id.indexOf("/") + 1)).toList();
    }

    @Test
    void anIncidentOfCellStarReachesTheOnCallOfEveryCell() {
        Incident system = Incident.open(IncidentBookTest.gas(AlarmTransition.RAISED, AlarmLevel.SECOND, 55, T0, T0), "*", T0);
        assertThat(queuedIds(planner.fireDue(system, T0))).containsExactly("step-0/day");
        assertThat(new Rota(policy).onCall(GridRole.GRID_LEADER, "*", T0)).extracting(Person::id).containsExactly("leader");
        assertThat(new Rota(policy).onCall(GridRole.GRID_MEMBER, "grid-2", T0)).as("other cells unchanged").isEmpty();
    }

    @Test
    void eachRungIsNotifiedOnceWhenItsDelayHasPassed() {
        Incident i = planner.fireDue(opened(AlarmLevel.FIRST), T0);
        assertThat(queuedIds(i)).containsExactly("step-0/day");

        assertThat(planner.fireDue(i, T0.plusSeconds(299))).isSameAs(i);
        i = planner.fireDue(i, T0.plusSeconds(300));
        assertThat(queuedIds(i)).containsExactly("step-0/day", "step-1/leader");
        assertThat(planner.fireDue(i, T0.plusSeconds(301))).isSameAs(i);

        i = planner.fireDue(i, T0.plus(Duration.ofMinutes(15)));
        assertThat(queuedIds(i)).endsWith("step-2/squad");
        assertThat(planner.nextDue(i)).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    }

    @Test
    void acknowledgementStopsEscalationAndReminders() {
        Incident i = planner.fireDue(opened(AlarmLevel.SECOND), T0).acknowledge("duty", T0.plusSeconds(60));

        assertThat(planner.fireDue(i, T0.plus(Duration.ofHours(2)))).isSameAs(i);
        assertThat(planner.nextDue(i)).isNull();
    }

    @Test
    void theNightMemberIsCalledAtNightLocalTime() {
        Instant night = Instant.parse("2026-11-24T15:00:00Z"); // 23:00 in Shanghai
        Incident i = Incident.open(IncidentBookTest.gas(AlarmTransition.RAISED, AlarmLevel.FIRST, 30, night, night),
                "grid-1", night);
        assertThat(queuedIds(planner.fireDue(i, night))).containsExactly("step-0/night");
        Instant early = Instant.parse("2026-11-24T23:30:00Z"); // 07:30 next morning in Shanghai
        Incident j = Incident.open(IncidentBookTest.gas(AlarmTransition.RAISED, AlarmLevel.FIRST, 30, early, early),
                "grid-1", early);
        assertThat(queuedIds(planner.fireDue(j, early))).containsExactly("step-0/night");
    }

    @Test
    void dispatchOnlyForAnActiveLevelTwoAlarm() {
        Incident first = planner.fireDue(opened(AlarmLevel.FIRST), T0.plus(Duration.ofMinutes(31)));
        assertThat(queuedIds(first)).noneMatch(id -> id.startsWith("dispatch"));

        Incident second = planner.fireDue(opened(AlarmLevel.SECOND), T0.plus(Duration.ofMinutes(31)));
        assertThat(second.deliveries()).filteredOn(d -> d.channel().equals("dispatch"))
                .singleElement().satisfies(d -> {
                    assertThat(d.purpose()).isEqualTo("dispatch/TRIGGER");
                    assertThat(d.address()).isEqualTo(second.id());
                });
    }

    @Test
    void aLevelRiseAfterAcknowledgementTellsTheCurrentRungAndTheAcknowledgerAgainOnce() {
        Incident told = planner.fireDue(opened(AlarmLevel.FIRST), T0);
        Incident acked = told.acknowledge("leader", T0.plusSeconds(60));
        Incident risen = acked.onTransition(IncidentBookTest.gas(AlarmTransition.ESCALATED, AlarmLevel.SECOND, 60, T0,
                T0.plusSeconds(120)), T0.plusSeconds(120));

        Incident toldAgain = planner.notifyLevelRise(acked, risen, T0.plusSeconds(120));

        assertThat(queuedIds(toldAgain)).containsExactly("step-0/day", "level-SECOND/day", "level-SECOND/leader");
        assertThat(toldAgain.deliveries()).filteredOn(d -> d.purpose().startsWith("level-"))
                .extracting(DeliveryRecord::channel).containsExactly("sms", "wecom");
        assertThat(planner.notifyLevelRise(toldAgain, toldAgain, T0.plusSeconds(121))).isSameAs(toldAgain);
        assertThat(planner.fireDue(toldAgain, T0.plusSeconds(400))).as("acknowledged: no further steps").isSameAs(toldAgain);
    }

    @Test
    void aLevelRiseBeforeAnyoneWasToldOrWhileSilencedQueuesNothingExtra() {
        Incident fresh = opened(AlarmLevel.FIRST);
        Incident risen = fresh.onTransition(IncidentBookTest.gas(AlarmTransition.ESCALATED, AlarmLevel.SECOND, 60, T0,
                T0.plusSeconds(1)), T0.plusSeconds(1));
        assertThat(planner.notifyLevelRise(fresh, risen, T0.plusSeconds(1))).isSameAs(risen);

        Incident told = planner.fireDue(opened(AlarmLevel.FIRST), T0).withSuppression("silence s-1", T0);
        Incident silencedRise = told.onTransition(IncidentBookTest.gas(AlarmTransition.ESCALATED, AlarmLevel.SECOND, 60,
                T0, T0.plusSeconds(2)), T0.plusSeconds(2));
        assertThat(planner.notifyLevelRise(told, silencedRise, T0.plusSeconds(2))).isSameAs(silencedRise);
    }

    @Test
    void dispatchIsUpdatedWhenTheAlarmClearsAndResolvedOnceWhenTheIncidentIsClosed() {
        Incident triggered = planner.fireDue(opened(AlarmLevel.SECOND), T0.plus(Duration.ofMinutes(31)));
        Incident cleared = triggered.onTransition(IncidentBookTest.gas(AlarmTransition.CLEARED, AlarmLevel.NONE, 5, T0,
                T0.plusSeconds(2000)), T0.plusSeconds(2000));

        Incident updated = planner.followUpDispatch(triggered, cleared, T0.plusSeconds(2000));
        assertThat(updated.deliveries()).extracting(DeliveryRecord::purpose).filteredOn(p -> p.startsWith("dispatch/"))
                .containsExactly("dispatch/TRIGGER", "dispatch/UPDATE");
        Incident closed = updated.close("duty", "done", null, T0.plusSeconds(2100));
        Incident resolved = planner.followUpDispatch(updated, closed, T0.plusSeconds(2100));
        assertThat(resolved.deliveries()).extracting(DeliveryRecord::purpose).filteredOn(p -> p.startsWith("dispatch/"))
                .containsExactly("dispatch/TRIGGER", "dispatch/UPDATE", "dispatch/RESOLVE");
        Incident commented = resolved.comment("duty", "report filed", T0.plusSeconds(2200));
        assertThat(planner.followUpDispatch(resolved, commented, T0.plusSeconds(2200))).isSameAs(commented);
    }

    @Test
    void remindersRepeatToTheLastRungAndOnlyTheNewestAfterAnOutage() {
        Incident i = planner.fireDue(opened(AlarmLevel.FIRST), T0);
        i = planner.fireDue(i, T0.plus(Duration.ofMinutes(4)));
        i = planner.fireDue(i, T0.plus(Duration.ofMinutes(5)));  // leader
        i = planner.fireDue(i, T0.plus(Duration.ofMinutes(14))); // nothing yet
        assertThat(i.fired()).containsOnlyKeys("step-0", "step-1");

        // the service was down from minute 14 to 37: the squad step fires, then its reminders start afresh
        i = planner.fireDue(i, T0.plus(Duration.ofMinutes(37)));
        assertThat(i.fired()).containsOnlyKeys("step-0", "step-1", "step-2");
        i = planner.fireDue(i, T0.plus(Duration.ofMinutes(60)));
        assertThat(i.fired()).containsKey("step-2/reminder-2").doesNotContainKey("step-2/reminder-1");
        assertThat(planner.fireDue(i, T0.plus(Duration.ofMinutes(61)))).isSameAs(i);
    }

    @Test
    void aSuppressedIncidentDoesNotEscalate() {
        Incident i = opened(AlarmLevel.FIRST).withSuppression("silence s1", T0);
        assertThat(planner.fireDue(i, T0.plusSeconds(3600))).isSameAs(i);
    }
}
