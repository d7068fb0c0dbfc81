package io.hazardwatch.alerts;

import io.hazardwatch.model.AlarmEvent;

/**
 * One record of the alarms topic as the service reads it: its position, and the event (null when the
 * record was not a usable alarm event; it still advances the position).
 */
public record AlarmRecord(int partition, long offset, AlarmEvent event) {
}
