package io.hazardwatch.streamjobs.job;

import io.hazardwatch.model.registry.SensorSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a keyed function builds from a sensor's rule (its detectors, its parsed rule), kept per sensor key and
 * built again only when the sensor's current rule changes. Not checkpointed: rebuilt from the rules after a
 * restart.
 */
final class RuleCache<T> {

    private final Function<SensorSpec, T> build;
    private final Map<String, Built<T>> bySensor = new HashMap<>();

    RuleCache(Function<SensorSpec, T> build) {
        this.build = build;
    }

    /** What {@code spec}, the sensor's current rule, gives. */
    T get(String sensorKey, SensorSpec spec) {
        Built<T> built = bySensor.get(sensorKey);
        // nearly every reading brings the very spec object of the last one: identity first, the full equals after
        if (built == null || (built.spec() != spec && !built.spec().equals(spec))) {
            built = new Built<>(spec, build.apply(spec));
            bySensor.put(sensorKey, built);
        }
        return built.value();
    }

    private record Built<T>(SensorSpec spec, T value) {
    }
}
