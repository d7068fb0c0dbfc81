package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.Thresholds;
import io.hazardwatch.model.registry.RegistryFile.DetectionSpec;
import io.hazardwatch.model.registry.SensorSpec;
import java.io.Serializable;
import java.time.Instant;

/**
 * One sensor's effective detection settings: the registry's {@link SensorSpec} with every missing value
 * taken from the type's defaults, parsed once. Durations are in milliseconds, 0 meaning "off".
 * Also builds the sensor's alarm events, so that every detector fills them in the same way.
 */
public record SensorRule(
        SensorKey key,
        SensorType type,
        String unit,
        int ruleVersion,
        Thresholds thresholds,
        long forMillis,
        int inRow,
        int flapChanges,
        long flapWindowMillis,
        long offlineAfterMillis,
        long stuckAfterMillis,
        double stuckTolerance,
        double rangeMin,
        double rangeMax,
        long trendWindowMillis,
        long earlyWarningMillis,
        Double maxRisePerMinute,
        Double stel,
        Double twa,
        Double mac) implements Serializable {

    /** Without a setting: a sensor is offline after a minute without data (readings come every 1-10 s). */
    public static final int DEFAULT_OFFLINE_SECONDS = 60;
    /** Four changes (raise, clear, raise, clear) in ten minutes mark the threshold alarm as flapping. */
    public static final int DEFAULT_FLAP_CHANGES = 4;
    public static final int DEFAULT_FLAP_WINDOW_SECONDS = 600;
    /** A value that has not moved at all for 30 minutes is taken for a stuck sensor. */
    public static final int DEFAULT_STUCK_SECONDS = 1800;
    /** Rate of rise over the last two minutes; warn when the first level is due within five. */
    public static final int DEFAULT_TREND_WINDOW_SECONDS = 120;
    public static final int DEFAULT_EARLY_WARNING_SECONDS = 300;

    public static SensorRule of(SensorSpec spec) {
        DetectionSpec d = spec.detection() != null ? spec.detection()
                : new DetectionSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        SensorType type = spec.type();
        ExposureLimits exposure = ExposureLimits.defaultsFor(type);
        return new SensorRule(spec.key(), type, spec.unit(), spec.ruleVersion(), spec.thresholds(),
                seconds(d.forSeconds(), 0),
                Math.max(1, or(d.inRow(), 1)),
                or(d.flapChanges(), DEFAULT_FLAP_CHANGES),
                seconds(d.flapWindowSeconds(), DEFAULT_FLAP_WINDOW_SECONDS),
                seconds(d.offlineAfterSeconds(), DEFAULT_OFFLINE_SECONDS),
                seconds(d.stuckAfterSeconds(), DEFAULT_STUCK_SECONDS),
                d.stuckTolerance() != null ? d.stuckTolerance() : 0,
                spec.rangeMin(),
                spec.rangeMax(),
                seconds(d.trendWindowSeconds(), DEFAULT_TREND_WINDOW_SECONDS),
                seconds(d.earlyWarningSeconds(), DEFAULT_EARLY_WARNING_SECONDS),
                d.maxRisePerMinute(),
                d.stel() != null ? d.stel() : exposure.stel(),
                d.twa() != null ? d.twa() : exposure.twa(),
                d.mac() != null ? d.mac() : exposure.mac());
    }

    /**
     * The level a reading beyond the measuring range toward danger calls for: above {@code rangeMax} on a sensor
     * with high set points, below {@code rangeMin} on one with low set points (oxygen deficiency), the highest
     * level configured on that side; NONE for a reading inside the range or beyond it toward safety. Such a
     * reading is the strongest evidence of a leak the instrument can give (it saturated), not bad data.
     */
    public AlarmLevel overRangeLevel(double value) {
        Thresholds t = thresholds;
        if (value > rangeMax) {
            return t.secondHigh() != null ? AlarmLevel.SECOND : t.firstHigh() != null ? AlarmLevel.FIRST : AlarmLevel.NONE;
        }
        if (value < rangeMin) {
            return t.secondLow() != null ? AlarmLevel.SECOND : t.firstLow() != null ? AlarmLevel.FIRST : AlarmLevel.NONE;
        }
        return AlarmLevel.NONE;
    }

    /** The set point of {@code level} on the side {@code value} lies beyond the range (for an over-range alarm). */
    public Double overRangeSetPoint(AlarmLevel level, double value) {
        boolean high = value > rangeMax;
        return switch (level) {
            case SECOND -> high ? thresholds.secondHigh() : thresholds.secondLow();
            case FIRST -> high ? thresholds.firstHigh() : thresholds.firstLow();
            case NONE -> null;
        };
    }

    public String alarmKey(String alarmType) {
        return AlarmEvent.keyOf(key, alarmType);
    }

    public String ruleId(String alarmType) {
        return alarmType.toLowerCase(java.util.Locale.ROOT) + ":" + key;
    }

    /** An event without window figures. */
    public AlarmEvent event(String alarmType, AlarmLevel level, AlarmTransition transition, double value,
                            Double threshold, long episodeStart, long eventTime, Instant now) {
        return event(alarmType, level, transition, value, threshold, episodeStart, eventTime, now, null, null, null, null);
    }

    public AlarmEvent event(String alarmType, AlarmLevel level, AlarmTransition transition, double value,
                            Double threshold, long episodeStart, long eventTime, Instant now, Double windowValue,
                            Long windowSeconds, Instant predictedCrossing, Long leadTimeSeconds) {
        return new AlarmEvent(AlarmEvent.SCHEMA, alarmKey(alarmType), key.enterprise(), key.device(), key.sensor(),
                type, alarmType, level, transition, value, threshold, unit, ruleId(alarmType), ruleVersion,
                Instant.ofEpochMilli(episodeStart), Instant.ofEpochMilli(eventTime), now,
                windowValue, windowSeconds, predictedCrossing, leadTimeSeconds);
    }

    private static long seconds(Integer value, int defaultSeconds) {
        return (value != null ? value : defaultSeconds) * 1000L;
    }

    private static int or(Integer value, int defaultValue) {
        return value != null ? value : defaultValue;
    }
}
