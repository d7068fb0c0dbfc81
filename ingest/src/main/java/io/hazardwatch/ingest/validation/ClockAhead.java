package io.hazardwatch.ingest.validation;

import io.hazardwatch.model.SensorKey;
import java.time.Instant;

/** Told of each reading whose device stamp ran ahead of the gateway's clock and was clamped to the receive time. */
@FunctionalInterface
public interface ClockAhead {

    ClockAhead IGNORE = (sensor, stamped, receivedAt) -> { };

    void clamped(SensorKey sensor, Instant stamped, Instant receivedAt);
}
