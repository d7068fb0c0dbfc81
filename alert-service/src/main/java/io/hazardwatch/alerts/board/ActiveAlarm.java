package io.hazardwatch.alerts.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.Comparator;

/**
 * One alarm that is active now, as the duty room sees it on the board.
 *
 * @param gridCell   supervision grid cell of the enterprise; null if the registry does not know it
 * @param value      the reading at the last applied transition
 * @param threshold  the set point that transition crossed
 * @param raisedAt   start of the episode (event time of the reading that raised it)
 * @param lastUpdate event time of the reading behind the last applied transition
 * @param predictedCrossing for trend warnings: when the level will be crossed at the trend of the last applied
 *                   transition; null otherwise (left out of the JSON, so a page loaded later shows it as well)
 * @param leadTimeSeconds   for trend warnings: seconds from that reading to the predicted crossing
 */
public record ActiveAlarm(
        String alarmKey,
        AlarmLevel level,
        String enterprise,
        String gridCell,
        String device,
        String sensor,
        SensorType sensorType,
        String alarmType,
        double value,
        Double threshold,
        String unit,
        String ruleId,
        int ruleVersion,
        Instant raisedAt,
        Instant lastUpdate,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant predictedCrossing,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long leadTimeSeconds) {

    /** Most severe first; within a level the most recently raised first. */
    public static final Comparator<ActiveAlarm> DUTY_ORDER = Comparator
            .comparing(ActiveAlarm::level, Comparator.reverseOrder())
            .thenComparing(ActiveAlarm::raisedAt, Comparator.reverseOrder())
            .thenComparing(ActiveAlarm::alarmKey);

    public static ActiveAlarm openedBy(AlarmEvent event, String gridCell) {
        return new ActiveAlarm(event.alarmKey(), event.level(), event.enterprise(), gridCell, event.device(),
                event.sensor(), event.sensorType(), event.alarmType(), event.value(), event.threshold(),
                event.unit(), event.ruleId(), event.ruleVersion(), event.episodeStart(), updateTimeOf(event),
                event.predictedCrossing(), event.leadTimeSeconds());
    }

    public ActiveAlarm escalatedBy(AlarmEvent event) {
        return new ActiveAlarm(alarmKey, event.level(), enterprise, gridCell, device, sensor, sensorType, alarmType,
                event.value(), event.threshold(), event.unit() != null ? event.unit() : unit, event.ruleId(),
                event.ruleVersion(), raisedAt, updateTimeOf(event),
                event.predictedCrossing() != null ? event.predictedCrossing() : predictedCrossing,
                event.predictedCrossing() != null ? event.leadTimeSeconds() : leadTimeSeconds);
    }

    private static Instant updateTimeOf(AlarmEvent event) {
        return event.eventTime() != null ? event.eventTime() : event.episodeStart();
    }
}
