package io.hazardwatch.alerts.enterprise;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.board.ReadingHistory;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.SensorSpec;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Section {@code sensors}: each registered sensor of the enterprise with its newest reading (from the reading
 * history, InfluxDB: when it does not answer the section is unavailable) and whether it is in alarm now (its most
 * severe active incident in the incident book).
 */
public final class SensorsSection implements EnterpriseSection {

    public static final String NAME = "sensors";

    /**
     * One sensor now.
     *
     * @param value      its newest reading (null: none in the history's window)
     * @param time       when that reading was taken
     * @param alarm      whether it has an active alarm now
     * @param level      the most severe active alarm's level (null: none)
     * @param incidentId that alarm's incident, for the board's detail
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SensorNow(String device, String sensor, String type, String unit, Double value, Instant time,
                            boolean alarm, AlarmLevel level, String alarmType, String incidentId) {
    }

    /** The page's sensors section. */
    public record Sensors(List<SensorNow> sensors) {
    }

    private final Registry registry;
    private final ReadingHistory readings;
    private final IncidentEngine engine;

    public SensorsSection(Registry registry, ReadingHistory readings, IncidentEngine engine) {
        this.registry = registry;
        this.readings = readings;
        this.engine = engine;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Future<Object> of(String enterprise, User viewer) {
        List<SensorSpec> sensors = registry.sensors().stream()
                .filter(s -> s.key().enterprise().equals(enterprise)).toList();
        return IncidentsSection.loaded(engine).compose(v -> readings.latest(enterprise))
                .map(latest -> of(sensors, latest, engine.book().active()));
    }

    /** The enterprise's {@code sensors} with their newest readings and the active incidents (of any enterprise). */
    static Sensors of(List<SensorSpec> sensors, List<ReadingHistory.Latest> latest, Collection<Incident> active) {
        Map<String, ReadingHistory.Latest> newest = new HashMap<>();
        latest.forEach(l -> newest.put(l.device() + "/" + l.sensor(), l));
        return new Sensors(sensors.stream().map(s -> now(s, newest.get(s.key().device() + "/" + s.key().sensor()),
                mostSevere(active, s.key()))).toList());
    }

    /** The active incident of the sensor with the highest level (the most recently raised among equals). */
    static Optional<Incident> mostSevere(Collection<Incident> active, SensorKey sensor) {
        return active.stream().filter(i -> i.active() && sensor.enterprise().equals(i.alarm().enterprise())
                        && sensor.device().equals(i.alarm().device()) && sensor.sensor().equals(i.alarm().sensor()))
                .min(Comparator.comparing(Incident::alarm, ActiveAlarm.DUTY_ORDER));
    }

    private static SensorNow now(SensorSpec spec, ReadingHistory.Latest reading, Optional<Incident> alarm) {
        return new SensorNow(spec.key().device(), spec.key().sensor(), spec.type().name(), spec.unit(),
                reading == null ? null : reading.value(),
                reading == null ? null : Instant.ofEpochMilli(reading.time()),
                alarm.isPresent(), alarm.map(i -> i.alarm().level()).orElse(null),
                alarm.map(i -> i.alarm().alarmType()).orElse(null), alarm.map(Incident::id).orElse(null));
    }
}
