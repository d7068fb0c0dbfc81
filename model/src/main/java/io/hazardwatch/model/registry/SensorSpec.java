package io.hazardwatch.model.registry;

import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.Thresholds;
import java.io.Serializable;

/**
 * A registered sensor with its effective thresholds (type defaults merged with the sensor's overrides).
 *
 * @param ruleVersion the registry version these thresholds come from; carried on every alarm
 */
public record SensorSpec(SensorKey key, String gridCell, SensorType type, Thresholds thresholds, int ruleVersion)
        implements Serializable {

    public String unit() {
        return type.unit();
    }

    public String thresholdRuleId() {
        return "threshold:" + key;
    }
}
