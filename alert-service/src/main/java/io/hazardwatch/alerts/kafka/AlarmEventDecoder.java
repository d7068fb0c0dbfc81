package io.hazardwatch.alerts.kafka;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import java.io.UncheckedIOException;

/** Turns an alarms-topic record value into an {@link AlarmEvent} the board can apply, or says why not. */
public final class AlarmEventDecoder {

    private static final int MAX_REASON = 300;

    private AlarmEventDecoder() {
    }

    /** @throws IllegalArgumentException with a one-line reason if the value is not a usable alarm event */
    public static AlarmEvent decode(byte[] value) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("empty record value");
        }
        AlarmEvent event;
        try {
            event = Json.fromBytes(value, AlarmEvent.class);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(oneLine(e.getMessage()));
        }
        if (event.schema() != AlarmEvent.SCHEMA) {
            throw new IllegalArgumentException("schema " + event.schema() + " is not supported (expected " + AlarmEvent.SCHEMA + ")");
        }
        require(event.alarmKey(), "alarmKey");
        // the incident, its grid cell, who may see it and the enterprise's risk all hang on these two
        require(event.enterprise(), "enterprise");
        require(event.alarmType(), "alarmType");
        require(event.episodeStart(), "episodeStart");
        require(event.transition(), "transition");
        require(event.level(), "level");
        if (event.transition() != AlarmTransition.CLEARED && event.level() == AlarmLevel.NONE) {
            throw new IllegalArgumentException("level: NONE is not a level to " + event.transition() + " an alarm to");
        }
        return event;
    }

    private static void require(Object field, String name) {
        if (field == null || (field instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException(name + ": required");
        }
    }

    private static String oneLine(String message) {
        String line = String.valueOf(message).replaceAll("\\s+", " ").trim();
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON) + "…";
    }
}
