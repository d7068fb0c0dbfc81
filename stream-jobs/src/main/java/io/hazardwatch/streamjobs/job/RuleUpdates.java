package io.hazardwatch.streamjobs.job;

import io.hazardwatch.model.registry.SensorSpec;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule of a sensor while the job runs, shared by the keyed functions that read the rules topic: the
 * newest version received (broadcast state {@link DetectionFunction#RULES}) or else the registry's.
 */
final class RuleUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(RuleUpdates.class);

    private RuleUpdates() {
    }

    /** The sensor's current rule, or null when neither the topic nor the registry knows it. */
    static SensorSpec current(ReadOnlyBroadcastState<String, SensorSpec> running, Map<String, SensorSpec> initial,
                              String sensorKey) throws Exception {
        SensorSpec spec = running.get(sensorKey);
        return spec != null ? spec : initial.get(sensorKey);
    }

    /** Keeps {@code rule} unless an equal or newer version is known; returns whether it was kept. */
    static boolean apply(BroadcastState<String, SensorSpec> running, Map<String, SensorSpec> initial, SensorSpec rule,
                         boolean log) throws Exception {
        String key = rule.key().toString();
        SensorSpec known = running.get(key);
        int knownVersion = known != null ? known.ruleVersion()
                : initial.containsKey(key) ? initial.get(key).ruleVersion() : Integer.MIN_VALUE;
        if (rule.ruleVersion() < knownVersion) {
            return false; // an older rule replayed from the topic
        }
        running.put(key, rule);
        if (log && (known == null || !known.equals(rule))) {
            LOG.info("rule for sensor {} now version {}", key, rule.ruleVersion());
        }
        return true;
    }
}
