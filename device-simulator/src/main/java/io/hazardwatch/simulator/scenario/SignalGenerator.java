package io.hazardwatch.simulator.scenario;

import io.hazardwatch.model.SensorKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.SplittableRandom;

/**
 * Each sensor's value at a given time since the scenario started. Pure: the value depends only on the
 * scenario, the seed, the sensor and the elapsed time (to the millisecond), never on call order, so a
 * run can be replayed and a test can look at any instant without running the others.
 */
public final class SignalGenerator {

    /**
     * Noise is cut off at three standard deviations so that a baseline chosen under a set point stays
     * under it, however long the demo runs.
     */
    static final double NOISE_LIMIT_SD = 3.0;

    private final Scenario scenario;
    private final long seed;

    public SignalGenerator(Scenario scenario, long seed) {
        this.scenario = scenario;
        this.seed = seed;
    }

    /** One sample per device that is online (and whose gateway is online), in scenario order. */
    public List<DeviceSample> sample(Duration elapsed) {
        double seconds = elapsed.toMillis() / 1000.0;
        List<DeviceSample> samples = new ArrayList<>(scenario.deviceCount());
        for (Scenario.Enterprise e : scenario.enterprises()) {
            if (!e.onlineAt(seconds)) {
                continue;
            }
            for (Scenario.Device d : e.devices()) {
                if (!d.onlineAt(seconds)) {
                    continue;
                }
                List<DeviceSample.Value> values = new ArrayList<>(d.sensors().size());
                for (Scenario.Sensor s : d.sensors()) {
                    values.add(new DeviceSample.Value(s.id(),
                            value(new SensorKey(e.id(), d.id(), s.id()), s.behaviour(), elapsed), s.unit()));
                }
                samples.add(new DeviceSample(e.id(), d.id(), values));
            }
        }
        return samples;
    }

    /** The enterprises whose gateway is offline at {@code elapsed}: their connection is down. */
    public Set<String> offlineGateways(Duration elapsed) {
        double seconds = elapsed.toMillis() / 1000.0;
        Set<String> offline = new TreeSet<>();
        scenario.enterprises().stream().filter(e -> !e.onlineAt(seconds)).forEach(e -> offline.add(e.id()));
        return offline;
    }

    /** The measured value: the behaviour's expected value plus seeded noise, rounded to 0.01. */
    public double value(SensorKey key, Behaviour behaviour, Duration elapsed) {
        long millis = Math.round(behaviour.measuredAt(elapsed.toMillis() / 1000.0) * 1000);
        double seconds = millis / 1000.0;
        double noise = behaviour.sd() == 0 ? 0 : behaviour.sd() * gaussian(key, millis);
        return Math.round((behaviour.expected(seconds) + noise) * 100) / 100.0;
    }

    private double gaussian(SensorKey key, long millis) {
        long stream = seed * 0x9E3779B97F4A7C15L + key.toString().hashCode();
        SplittableRandom random = new SplittableRandom(stream * 0xBF58476D1CE4E5B9L + millis);
        double g = random.nextGaussian();
        return Math.max(-NOISE_LIMIT_SD, Math.min(NOISE_LIMIT_SD, g));
    }
}
