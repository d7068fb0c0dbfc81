package io.hazardwatch.model;

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
        Instant detectedTime) {

    public static final int SCHEMA = 1;
    public static final String THRESHOLD = "THRESHOLD";

    public static String keyOf(SensorKey sensor, String alarmType) {
        return sensor + "/" + alarmType;
    }
}
