package io.hazardwatch.model.registry;

import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.Thresholds;
import java.io.Serializable;

/**
 * A registered sensor with its effective thresholds (type defaults merged with the sensor's overrides).
 *
 * @param ruleVersion the registry version these thresholds come from; carried on every alarm
 * @param detection   the sensor's detection settings from the registry (may be null: all defaults)
 */
public record SensorSpec(SensorKey key, String gridCell, SensorType type, Thresholds thresholds, int ruleVersion,
                         RegistryFile.DetectionSpec detection)
        implements Serializable {

    public SensorSpec(SensorKey key, String gridCell, SensorType type, Thresholds thresholds, int ruleVersion) {
        this(key, gridCell, type, thresholds, ruleVersion, null);
    }

    public String unit() {
        return type.unit();
    }

    /**
     * Bottom of the detector's measuring range: the registry's {@code detection.rangeMin}, else its type's. The
     * gateway's plausibility bound and the job's over-range rules both start from it (one author for the fact).
     */
    public double rangeMin() {
        return detection != null && detection.rangeMin() != null ? detection.rangeMin() : type.physicalMin();
    }

    /** Top of the detector's measuring range: {@code detection.rangeMax}, else its type's. */
    public double rangeMax() {
        return detection != null && detection.rangeMax() != null ? detection.rangeMax() : type.physicalMax();
    }

    public String thresholdRuleId() {
        return "threshold:" + key;
    }
}
