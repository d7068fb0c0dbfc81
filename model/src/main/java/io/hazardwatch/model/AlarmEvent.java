package io.hazardwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One transition of an alarm episode, as the detection job puts it on the alarms topic.
 *
 * @param alarmKey     stable key of the alarm: enterprise/device/sensor/alarmType
 * @param episodeStart event time of the RAISED that opened this episode; with the key it names the episode,
 *                     so a redelivered or replayed transition is recognised as the same one
 * @param threshold    the set point that was crossed (for CLEARED: the one the alarm was raised on)
 * @param eventTime    event time of the reading that caused the transition
 * @param detectedTime wall-clock time at which the job detected it
 * @param windowValue  for windowed and trend alarms: the figure that was judged (e.g. the 15-minute average,
 *                     the rate of rise per minute); null otherwise
 * @param windowSeconds length of that window in seconds; null when not windowed
 * @param predictedCrossing for trend warnings: when the level will be crossed at the current trend
 * @param leadTimeSeconds   for trend warnings: seconds from the reading to the predicted crossing
 */
public record AlarmEvent(
        int schema,
        String alarmKey,
        String enterprise,
        String device,
        String sensor,
        SensorType sensorType,
        String alarmType,
        AlarmLevel level,
        AlarmTransition transition,
        double value,
        Double threshold,
        String unit,
        String ruleId,
        int ruleVersion,
        Instant episodeStart,
        Instant eventTime,
        Instant detectedTime,
        // left out of the JSON when null, so that threshold events read exactly as before
        @JsonInclude(JsonInclude.Include.NON_NULL) Double windowValue,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long windowSeconds,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant predictedCrossing,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long leadTimeSeconds) {

    public static final int SCHEMA = 1;
    public static final String THRESHOLD = "THRESHOLD";
    /** No reading from the sensor for its configured interval. */
    public static final String OFFLINE = "OFFLINE";
    /** The threshold alarm changed state too often; its transitions are held back until it settles. */
    public static final String FLAPPING = "FLAPPING";
    /** Sensor fault: the value has not moved for the configured window. */
    public static final String STUCK = "STUCK";
    /** Sensor fault: a reading outside the detector's measuring range. */
    public static final String OUT_OF_RANGE = "OUT_OF_RANGE";
    /** Early warning: rate of rise, or the first level crossed soon at the current trend. */
    public static final String TREND = "TREND";
    /** Toxic gas: 15-minute time-weighted average over the STEL. */
    public static final String STEL = "STEL";
    /** Toxic gas: 8-hour time-weighted average over the TWA limit. */
    public static final String TWA = "TWA";
    /** Toxic gas: the ceiling (MAC) exceeded. */
    public static final String MAC = "MAC";

    /** An event without window or trend figures (threshold, offline and fault alarms). */
    public AlarmEvent(int schema, String alarmKey, String enterprise, String device, String sensor,
                      SensorType sensorType, String alarmType, AlarmLevel level, AlarmTransition transition,
                      double value, Double threshold, String unit, String ruleId, int ruleVersion,
                      Instant episodeStart, Instant eventTime, Instant detectedTime) {
        this(schema, alarmKey, enterprise, device, sensor, sensorType, alarmType, level, transition, value, threshold,
                unit, ruleId, ruleVersion, episodeStart, eventTime, detectedTime, null, null, null, null);
    }

    public static String keyOf(SensorKey sensor, String alarmType) {
        return sensor + "/" + alarmType;
    }
}
