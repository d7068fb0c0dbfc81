package io.hazardwatch.model;

/** Alarm levels per GB/T 50493-2019 §5.5.2: first level = early warning, second level = alarm. */
public enum AlarmLevel {
    NONE,
    FIRST,
    SECOND;

    public boolean isAbove(AlarmLevel other) {
        return compareTo(other) > 0;
    }
}
