package io.hazardwatch.alerts.enterprise;

import static io.hazardwatch.alerts.incident.IncidentBookTest.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmLevel.SECOND;
import static io.hazardwatch.model.AlarmTransition.CLEARED;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.auth.Role;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.board.ReadingHistory;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.Thresholds;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryFile;
import io.hazardwatch.model.registry.SensorSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sections' decisions without I/O: which incidents count, which alarm a sensor shows, who sees which enterprise. */
class EnterpriseSectionsTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-24T08:00:00Z");

    @Test
    void openIncidentsNewestFirstAndOnlyThoseClosedInTheLast30DaysCounted() {
        Incident older = Incident.open(gas(RAISED, FIRST, 30, T0, T0), "grid-1", NOW.minusSeconds(600));
        Incident newer = Incident.open(temp(RAISED, FIRST, 65, T0), "grid-1", NOW.minusSeconds(60));
        Incident closedRecently = closed(T0.plusSeconds(100), NOW.minus(Duration.ofDays(30)));
        Incident closedLongAgo = closed(T0.plusSeconds(200), NOW.minus(Duration.ofDays(30)).minusSeconds(1));
        Incident otherEnterprise = Incident.open(ammonia(T0), "grid-2", NOW);

        IncidentsSection.Incidents section = IncidentsSection.of(
                List.of(older, closedRecently, newer, otherEnterprise, closedLongAgo), "ent-a", NOW);

        assertThat(section.open()).extracting(r -> r.id()).containsExactly(newer.id(), older.id());
        assertThat(section.closedLast30Days()).isEqualTo(1);
    }

    @Test
    void aSensorShowsItsNewestReadingAndItsMostSevereActiveAlarm() {
        SensorSpec lel = spec("lel-1", SensorType.COMBUSTIBLE_GAS);
        SensorSpec temp = spec("temp-1", SensorType.TEMPERATURE);
        Incident first = Incident.open(gas(RAISED, FIRST, 30, T0, T0), "grid-1", NOW);
        Incident second = Incident.open(trend(T0.plusSeconds(5)), "grid-1", NOW);
        Incident cleared = Incident.open(temp(RAISED, FIRST, 65, T0), "grid-1", NOW)
                .onTransition(temp(CLEARED, AlarmLevel.NONE, 40, T0), NOW);

        SensorsSection.Sensors section = SensorsSection.of(List.of(lel, temp),
                List.of(new ReadingHistory.Latest("tank-1", "lel-1", 1000L, 31.5)), List.of(first, second, cleared));

        SensorsSection.SensorNow gasNow = section.sensors().get(0);
        assertThat(gasNow.value()).isEqualTo(31.5);
        assertThat(gasNow.time()).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(gasNow.alarm()).isTrue();
        assertThat(gasNow.level()).isEqualTo(SECOND);
        assertThat(gasNow.incidentId()).isEqualTo(second.id());
        SensorsSection.SensorNow tempNow = section.sensors().get(1);
        assertThat(tempNow.value()).isNull();
        assertThat(tempNow.alarm()).as("its alarm cleared").isFalse();
    }

    @Test
    void theDutyRoomSeesEveryEnterpriseGridStaffTheirCellsAnEnterpriseItsOwn() {
        Registry registry = Registry.of(new RegistryFile(1, List.of(
                new RegistryFile.Enterprise("ent-a", "A", "grid-1", null, List.of()),
                new RegistryFile.Enterprise("ent-b", "B", "grid-2", null, List.of()))));
        EnterpriseDirectory directory = new EnterpriseDirectory(registry);

        assertThat(directory.visibleTo(new User("duty", Role.DUTY_OFFICER, null, null))).hasSize(2);
        assertThat(directory.visibleTo(new User("admin", Role.ADMIN, null, null))).hasSize(2);
        assertThat(directory.visibleTo(new User("g", Role.GRID_STAFF, List.of("grid-2"), null)))
                .extracting(EnterpriseSummary::id).containsExactly("ent-b");
        assertThat(directory.visibleTo(new User("e", Role.ENTERPRISE, null, "ent-a")))
                .extracting(EnterpriseSummary::id).containsExactly("ent-a");
        assertThat(directory.visibleTo(new User("g0", Role.GRID_STAFF, null, null))).isEmpty();
        assertThat(directory.find("ent-x")).isEmpty();
    }

    private static Incident closed(Instant episode, Instant at) {
        return Incident.open(gas(RAISED, FIRST, 30, episode, episode), "grid-1", at.minusSeconds(60))
                .onTransition(gas(CLEARED, AlarmLevel.NONE, 10, episode, episode.plusSeconds(5)), at)
                .close("duty", "valve closed", null, at);
    }

    private static AlarmEvent temp(AlarmTransition transition, AlarmLevel level, double value, Instant episode) {
        return new AlarmEvent(AlarmEvent.SCHEMA, "ent-a/tank-1/temp-1/THRESHOLD", "ent-a", "tank-1", "temp-1",
                SensorType.TEMPERATURE, AlarmEvent.THRESHOLD, level, transition, value, 60.0, "degC", "r", 1, episode,
                episode, episode);
    }

    private static AlarmEvent trend(Instant episode) {
        return new AlarmEvent(AlarmEvent.SCHEMA, "ent-a/tank-1/lel-1/TREND", "ent-a", "tank-1", "lel-1",
                SensorType.COMBUSTIBLE_GAS, AlarmEvent.TREND, SECOND, RAISED, 48, 50.0, "%LEL", "r", 1, episode, episode,
                episode);
    }

    private static AlarmEvent ammonia(Instant episode) {
        return new AlarmEvent(AlarmEvent.SCHEMA, "ent-b/room-1/nh3-1/THRESHOLD", "ent-b", "room-1", "nh3-1",
                SensorType.AMMONIA, AlarmEvent.THRESHOLD, FIRST, RAISED, 30, 25.0, "ppm", "r", 1, episode, episode,
                episode);
    }

    private static SensorSpec spec(String sensor, SensorType type) {
        return new SensorSpec(new SensorKey("ent-a", "tank-1", sensor), "grid-1", type, Thresholds.high(25, 50), 1);
    }
}
