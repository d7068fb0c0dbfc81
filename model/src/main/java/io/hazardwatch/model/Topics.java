package io.hazardwatch.model;

/** Kafka topic names and MQTT topic layout: the one place they are spelled. */
public final class Topics {

    /** Validated readings, JSON {@link Reading}; key = enterprise/device/sensor. */
    public static final String READINGS = "hazardwatch.readings.v1";
    /** Alarm transitions, JSON {@link AlarmEvent}; key = alarm key. */
    public static final String ALARMS = "hazardwatch.alarms.v1";
    /** Rejected payloads, raw bytes as received; the reason is in the record headers ({@link DeadLetter}). */
    public static final String DEAD_LETTER = "hazardwatch.deadletter.v1";

    /** MQTT topic a device or gateway publishes to: hazardwatch/v1/{enterprise}/{device}/readings. */
    public static final String MQTT_PREFIX = "hazardwatch/v1/";
    public static final String MQTT_READINGS_SUFFIX = "/readings";

    private Topics() {
    }

    public static String mqttReadings(String enterprise, String device) {
        return MQTT_PREFIX + enterprise + "/" + device + MQTT_READINGS_SUFFIX;
    }
}
