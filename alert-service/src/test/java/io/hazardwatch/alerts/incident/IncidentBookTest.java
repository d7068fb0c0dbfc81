package io.hazardwatch.alerts.incident;

import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmLevel.NONE;
import static io.hazardwatch.model.AlarmLevel.SECOND;
import static io.hazardwatch.model.AlarmTransition.CLEARED;
import static io.hazardwatch.model.AlarmTransition.ESCALATED;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.incident.IncidentEvent.Type;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public class IncidentBookTest {

    public static final String KEY = "ent-a/tank-1/lel-1/THRESHOLD";
    public static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-24T08:00:01Z");

    private final IncidentBook book = new IncidentBook(e -> Optional.of("grid-1"));

    public static AlarmEvent gas(AlarmTransition transition, AlarmLevel level, double value, Instant episode, Instant at) {
        return new AlarmEvent(AlarmEvent.SCHEMA, KEY, "ent-a", "tank-1", "lel-1", SensorType.COMBUSTIBLE_GAS,
                AlarmEvent.THRESHOLD, level, transition, value, 25.0, "%LEL", "r", 1, episode, at, at);
    }

    /** The device and enterprise views follow the book: new episodes, clears, acknowledgements and removals. */
    @Test
    void theActiveAlarmsOfADeviceAndTheIncidentsOfAnEnterpriseFollowTheBook() {
        book.apply(gas(RAISED, FIRST, 30, T0, T0), NOW);
        AlarmEvent offline = new AlarmEvent(AlarmEvent.SCHEMA, "ent-a/tank-1//OFFLINE", "ent-a", "tank-1", "", null,
                AlarmEvent.OFFLINE, FIRST, RAISED, 60, 60.0, "s", "offline:ent-a/tank-1", 1, T0, T0, T0);
        book.apply(offline, NOW);
        AlarmEvent other = new AlarmEvent(AlarmEvent.SCHEMA, "ent-b/room-1/nh3-1/THRESHOLD", "ent-b", "room-1", "nh3-1",
                SensorType.AMMONIA, AlarmEvent.THRESHOLD, FIRST, RAISED, 30, 25.0, "ppm", "r", 1, T0, T0, T0);
        book.apply(other, NOW);

        assertThat(book.activeOnDevice("ent-a", "tank-1")).extracting(i -> i.alarm().alarmKey())
                .containsExactly(KEY, "ent-a/tank-1//OFFLINE");
        assertThat(book.activeOnDevice("ent-a", "room-1")).isEmpty();
        assertThat(book.ofEnterprise("ent-b")).extracting(Incident::id).containsExactly(Incident.idOf(other.alarmKey(), T0));

        // the gas alarm clears: no longer active on the device, still the enterprise's
        book.apply(gas(CLEARED, NONE, 10, T0, T0.plusSeconds(60)), NOW);
        assertThat(book.activeOnDevice("ent-a", "tank-1")).extracting(i -> i.alarm().alarmKey())
                .containsExactly("ent-a/tank-1//OFFLINE");
        assertThat(book.ofEnterprise("ent-a")).hasSize(2);

        // a new episode of the gas alarm is indexed; a removed incident is gone from every view
        book.apply(gas(RAISED, FIRST, 31, T0.plusSeconds(600), T0.plusSeconds(600)), NOW);
        book.remove(Incident.idOf(KEY, T0));
        assertThat(book.ofEnterprise("ent-a")).extracting(Incident::id)
                .containsExactly(Incident.idOf("ent-a/tank-1//OFFLINE", T0), Incident.idOf(KEY, T0.plusSeconds(600)));
        assertThat(book.activeOnDevice("ent-a", "tank-1")).hasSize(2);
    }

    @Test
    void oneIncidentPerEpisodeWhateverTheRedelivery() {
        AlarmEvent raised = gas(RAISED, FIRST, 30, T0, T0);
        assertThat(book.apply(raised, NOW)).hasSize(1);
        assertThat(book.apply(raised, NOW)).isEmpty();
        assertThat(book.apply(gas(ESCALATED, SECOND, 55, T0, T0.plusSeconds(5)), NOW)).hasSize(1);
        assertThat(book.apply(gas(ESCALATED, SECOND, 55, T0, T0.plusSeconds(5)), NOW)).isEmpty();
        assertThat(book.apply(raised, NOW)).isEmpty();

        assertThat(book.size()).isEqualTo(1);
        Incident incident = book.all().iterator().next();
        assertThat(incident.id()).isEqualTo(Incident.idOf(KEY, T0)).doesNotContain("/");
        assertThat(incident.history()).extracting(IncidentEvent::type).containsExactly(Type.RAISED, Type.LEVEL_RAISED);
    }

    @Test
    void severityOnlyRisesWhileActive() {
        book.apply(gas(RAISED, SECOND, 55, T0, T0), NOW);
        book.apply(gas(ESCALATED, FIRST, 30, T0, T0.plusSeconds(5)), NOW);

        assertThat(book.active()).singleElement().satisfies(i -> assertThat(i.alarm().level()).isEqualTo(SECOND));
    }

    @Test
    void aClearedButUnacknowledgedIncidentStaysOpenAndVisible() {
        book.apply(gas(RAISED, FIRST, 30, T0, T0), NOW);
        book.apply(gas(CLEARED, NONE, 10, T0, T0.plusSeconds(60)), NOW);

        assertThat(book.active()).isEmpty();
        assertThat(book.open()).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo(IncidentStatus.CLEARED_UNACKNOWLEDGED));
    }

    @Test
    void aNewEpisodeClearsTheOldOneWhoseClearWasLostAndALateRaisedOfTheOldOneIsIgnored() {
        Instant t1 = T0.plusSeconds(600);
        book.apply(gas(RAISED, FIRST, 30, T0, T0), NOW);
        book.apply(gas(RAISED, FIRST, 31, t1, t1), NOW);
        Instant older = T0.minusSeconds(600);

        assertThat(book.apply(gas(RAISED, FIRST, 30, older, older), NOW)).isEmpty();
        assertThat(book.size()).isEqualTo(2);
        assertThat(book.get(Incident.idOf(KEY, T0)).orElseThrow().status()).isEqualTo(IncidentStatus.CLEARED_UNACKNOWLEDGED);
        assertThat(book.get(Incident.idOf(KEY, t1)).orElseThrow().status()).isEqualTo(IncidentStatus.RAISED);
    }

    @Test
    void theLifecycleRunsRaisedAcknowledgedClearedClosedAndAuditsWhoAndWhen() {
        book.apply(gas(RAISED, FIRST, 30, T0, T0), NOW);
        Incident raised = book.active().get(0);
        Instant ackAt = NOW.plusSeconds(30);

        Incident acked = raised.acknowledge("duty", ackAt);
        Incident commented = acked.comment("grid1", "on site, valve closed", ackAt.plusSeconds(60));
        Incident cleared = commented.onTransition(gas(CLEARED, NONE, 5, T0, T0.plusSeconds(300)), ackAt.plusSeconds(300));
        Incident closed = cleared.close("duty", "valve V-12 closed, area ventilated", "no injuries", ackAt.plusSeconds(400));

        assertThat(acked.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(cleared.status()).isEqualTo(IncidentStatus.CLEARED);
        assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(closed.disposal()).isEqualTo(new Disposal("duty", ackAt.plusSeconds(400),
                "valve V-12 closed, area ventilated", "no injuries"));
        assertThat(closed.comments()).extracting(Comment::by, Comment::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("grid1", "on site, valve closed"));
        assertThat(closed.history()).extracting(IncidentEvent::type, IncidentEvent::actor, IncidentEvent::seq).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Type.RAISED, "system", 1L),
                org.assertj.core.groups.Tuple.tuple(Type.ACKNOWLEDGED, "duty", 2L),
                org.assertj.core.groups.Tuple.tuple(Type.COMMENTED, "grid1", 3L),
                org.assertj.core.groups.Tuple.tuple(Type.CLEARED, "system", 4L),
                org.assertj.core.groups.Tuple.tuple(Type.CLOSED, "duty", 5L));
        assertThat(closed.history().get(1).at()).isEqualTo(ackAt);
        assertThat(closed.eventsSince(cleared)).extracting(IncidentEvent::type).containsExactly(Type.CLOSED);
    }

    @Test
    void anActiveAlarmCannotBeClosedAndNothingIsAcknowledgedTwice() {
        book.apply(gas(RAISED, FIRST, 30, T0, T0), NOW);
        Incident raised = book.active().get(0);

        assertThatThrownBy(() -> raised.close("duty", "done", null, NOW)).isInstanceOf(LifecycleException.class)
                .hasMessageContaining("active");
        Incident acked = raised.acknowledge("duty", NOW);
        assertThatThrownBy(() -> acked.acknowledge("grid1", NOW)).isInstanceOf(LifecycleException.class)
                .hasMessageContaining("already acknowledged by duty");
        assertThatThrownBy(() -> acked.comment("duty", " ", NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingAClearedUnacknowledgedIncidentAcknowledgesItToo() {
        book.apply(gas(RAISED, FIRST, 30, T0, T0), NOW);
        book.apply(gas(CLEARED, NONE, 10, T0, T0.plusSeconds(60)), NOW);
        Incident closed = book.open().get(0).close("duty", "detector recalibrated", null, NOW.plusSeconds(90));

        assertThat(closed.acknowledged().by()).isEqualTo("duty");
        assertThat(closed.history()).extracting(IncidentEvent::type).endsWith(Type.ACKNOWLEDGED, Type.CLOSED);
    }
}
