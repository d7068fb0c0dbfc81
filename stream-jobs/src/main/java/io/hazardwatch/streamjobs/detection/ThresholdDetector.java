package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.Thresholds;
import io.hazardwatch.model.registry.SensorSpec;
import java.time.Instant;

/**
 * The threshold alarm rule of GB/T 50493-2019 §5.5.2 as a state machine per sensor:
 * NONE → RAISED (first or second level) → ESCALATED (first → second) → CLEARED.
 * An open episode keeps its highest level until the value is back past every set point by the
 * deadband; it never steps down from second to first, so a duty officer sees one episode per leak.
 */
public final class ThresholdDetector {

    public Detection evaluate(SensorSpec spec, ThresholdState state, Reading reading, Instant now) {
        // A NaN would compare false against every limit and so look "normal": it must not clear an alarm.
        if (!Double.isFinite(reading.value())) {
            return Detection.unchanged(state);
        }
        return state.active() ? whileActive(spec, state, reading, now) : whileNormal(spec, reading, now);
    }

    private Detection whileNormal(SensorSpec spec, Reading reading, Instant now) {
        Thresholds thresholds = spec.thresholds();
        AlarmLevel reached = thresholds.levelOf(reading.value());
        if (reached == AlarmLevel.NONE) {
            return Detection.unchanged(ThresholdState.NONE);
        }
        Double setPoint = thresholds.setPointFor(reached, reading.value());
        ThresholdState next = new ThresholdState(reached, reading.eventTime(), setPoint);
        return Detection.transition(next,
                event(spec, reading, now, next, reached, AlarmTransition.RAISED, setPoint));
    }

    private Detection whileActive(SensorSpec spec, ThresholdState state, Reading reading, Instant now) {
        Thresholds thresholds = spec.thresholds();
        if (thresholds.holdLevelOf(reading.value()) == AlarmLevel.NONE) {
            return Detection.transition(ThresholdState.NONE, event(spec, reading, now, state,
                    AlarmLevel.NONE, AlarmTransition.CLEARED, state.raisedSetPoint()));
        }
        AlarmLevel reached = thresholds.levelOf(reading.value());
        if (!reached.isAbove(state.level())) {
            return Detection.unchanged(state);
        }
        ThresholdState next = new ThresholdState(reached, state.episodeStart(), state.raisedSetPoint());
        return Detection.transition(next, event(spec, reading, now, next, reached, AlarmTransition.ESCALATED,
                thresholds.setPointFor(reached, reading.value())));
    }

    private static AlarmEvent event(SensorSpec spec, Reading reading, Instant now, ThresholdState episode,
                                    AlarmLevel level, AlarmTransition transition, Double setPoint) {
        return new AlarmEvent(
                AlarmEvent.SCHEMA,
                AlarmEvent.keyOf(spec.key(), AlarmEvent.THRESHOLD),
                spec.key().enterprise(),
                spec.key().device(),
                spec.key().sensor(),
                spec.type(),
                AlarmEvent.THRESHOLD,
                level,
                transition,
                reading.value(),
                setPoint,
                spec.unit(),
                spec.thresholdRuleId(),
                spec.ruleVersion(),
                episode.episodeStart(),
                reading.eventTime(),
                now);
    }
}
