package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.RegistryFile.DetectionSpec;
import io.hazardwatch.model.registry.SensorSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Sensors, rules and readings for detector tests; times are seconds after {@link #T0}. */
final class Sensors {

    static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    static final SensorKey GAS_KEY = new SensorKey("ent-a", "tank-1", "lel-1");

    private Sensors() {
    }

    static SensorSpec spec(SensorType type, DetectionSpec detection) {
        SensorKey key = new SensorKey("ent-a", "tank-1", type.name().toLowerCase() + "-1");
        if (type == SensorType.COMBUSTIBLE_GAS) {
            key = GAS_KEY;
        }
        return new SensorSpec(key, "grid-1", type, type.defaultThresholds().orElseThrow(), 7, detection);
    }

    static SensorSpec gas() {
        return spec(SensorType.COMBUSTIBLE_GAS, null);
    }

    /** A detection spec with only the given fields set (the rest default). */
    static DetectionSpec detection(Integer forSeconds, Integer inRow, Integer offlineAfterSeconds) {
        return new DetectionSpec(forSeconds, inRow, null, null, offlineAfterSeconds, null, null, null, null, null, null,
                null, null, null, null);
    }

    static Reading reading(SensorSpec spec, double value, double second) {
        Instant at = T0.plusMillis(Math.round(second * 1000));
        SensorKey key = spec.key();
        return new Reading(Reading.SCHEMA, key.enterprise(), key.device(), key.sensor(), spec.type(), value,
                spec.unit(), at, at.plusMillis(50));
    }

    /** Feeds values one second apart to a detector, detected 300 ms after each reading; returns all events. */
    static <S> List<AlarmEvent> run(Detector<S> detector, SensorSpec spec, List<Double> values) {
        List<AlarmEvent> events = new ArrayList<>();
        S state = detector.initialState();
        for (int i = 0; i < values.size(); i++) {
            Alarms out = new Alarms(T0.plusSeconds(i).plusMillis(300));
            state = detector.onReading(state, reading(spec, values.get(i), i), out);
            events.addAll(out.events());
        }
        return events;
    }

    /** Feeds every reading through all the sensor's detectors, firing due timers first as the watermark would. */
    static List<AlarmEvent> runAll(SensorDetectors detectors, List<Reading> readings) {
        List<AlarmEvent> events = new ArrayList<>();
        SensorState state = detectors.prepare(null);
        for (Reading reading : readings) {
            long t = reading.eventTime().toEpochMilli();
            Alarms out = new Alarms(reading.eventTime().plusMillis(300));
            long due = detectors.nextTimer(state);
            if (due <= t) {
                detectors.onTimer(state, due, out);
            }
            detectors.onReading(state, reading, out);
            events.addAll(out.events());
        }
        return events;
    }
}
