package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.Reading;
import io.hazardwatch.model.registry.SensorSpec;

/**
 * All the detectors of one sensor, built once from its rule: threshold (with flapping guard), stuck value,
 * out of range, trend and — for toxic gases with limits — exposure. (Offline is judged per device, over all
 * of its sensors: {@link DeviceOfflineDetector}.) Itself a {@link Detector} over the sensor's whole
 * {@link SensorState}: the keyed function calls {@link #onReading} and {@link #onTimer} and registers the timer
 * {@link #nextTimer} asks for; every decision is made here and below.
 */
public final class SensorDetectors implements Detector<SensorState> {

    private final SensorSpec spec;
    private final SensorRule rule;
    private final FlappingGuard threshold;
    private final StuckDetector stuck;
    private final RangeDetector range;
    private final TrendDetector trend;
    private final ExposureDetector exposure;

    public SensorDetectors(SensorSpec spec) {
        this.spec = spec;
        this.rule = SensorRule.of(spec);
        this.threshold = new FlappingGuard(rule);
        this.stuck = rule.stuckAfterMillis() > 0 ? new StuckDetector(rule) : null;
        this.range = new RangeDetector(rule);
        this.trend = rule.trendWindowMillis() > 0 ? new TrendDetector(rule) : null;
        this.exposure = ExposureDetector.applies(rule) ? new ExposureDetector(rule) : null;
    }

    public static SensorDetectors of(SensorSpec spec) {
        return new SensorDetectors(spec);
    }

    /** The registry entry the detectors were built from. */
    public SensorSpec spec() {
        return spec;
    }

    public SensorRule rule() {
        return rule;
    }

    @Override
    public SensorState initialState() {
        return prepare(null);
    }

    /** A fresh state, or {@code state} completed with the parts a changed rule has switched on. */
    public SensorState prepare(SensorState state) {
        SensorState s = state != null ? state : new SensorState();
        if (s.threshold == null) {
            s.threshold = threshold.initialState();
        }
        if (stuck != null && s.stuck == null) {
            s.stuck = stuck.initialState();
        }
        if (s.range == null) {
            s.range = range.initialState();
        }
        if (trend != null && s.trend == null) {
            s.trend = trend.initialState();
        }
        if (exposure != null && s.exposure == null) {
            s.exposure = exposure.initialState();
        }
        s.ruleVersion = rule.ruleVersion();
        return s;
    }

    /** Whether {@code reading} is older than the newest reading already judged for this sensor. */
    public boolean isOutOfOrder(SensorState s, Reading reading) {
        return reading.eventTime().toEpochMilli() < s.lastEventTime;
    }

    /**
     * Judges a reading. One {@linkplain #isOutOfOrder out of order}: every detector relies on per-sensor event-time
     * order, so only the threshold rule sees it, and only to raise or escalate
     * ({@link ThresholdDetector#onLateReading}): a late reading at or beyond a set point is never dropped silently,
     * and one below cannot clear a live alarm.
     */
    @Override
    public SensorState onReading(SensorState s, Reading reading, Alarms out) {
        if (isOutOfOrder(s, reading)) {
            s.threshold = threshold.onLateReading(s.threshold, reading, s.lastEventTime, out);
            return s;
        }
        s.lastEventTime = reading.eventTime().toEpochMilli();
        s.threshold = threshold.onReading(s.threshold, reading, out);
        s.range = range.onReading(s.range, reading, out);
        if (stuck != null) {
            s.stuck = stuck.onReading(s.stuck, reading, out);
        }
        if (!Double.isFinite(reading.value())) {
            return s; // not a measurement: it neither moves a trend nor adds to an exposure
        }
        if (trend != null) {
            s.trend = trend.onReading(s.trend, reading, out);
        }
        if (exposure != null) {
            s.exposure = exposure.onReading(s.exposure, reading, out);
        }
        return s;
    }

    /** Event time has reached {@code time}. */
    @Override
    public SensorState onTimer(SensorState s, long time, Alarms out) {
        s.threshold = threshold.onTimer(s.threshold, time, out);
        return s;
    }

    /** The earliest event time at which a detector wants to be woken, or {@link Detector#NO_TIMER}. */
    @Override
    public long nextTimer(SensorState s) {
        return threshold.nextTimer(s.threshold);
    }
}
