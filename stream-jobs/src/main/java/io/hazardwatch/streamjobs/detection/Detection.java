package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import java.util.Optional;

/** The outcome of one reading: the sensor's next state and the transition it caused, if any. */
public record Detection(ThresholdState state, Optional<AlarmEvent> event) {

    static Detection unchanged(ThresholdState state) {
        return new Detection(state, Optional.empty());
    }

    static Detection transition(ThresholdState state, AlarmEvent event) {
        return new Detection(state, Optional.of(event));
    }
}
