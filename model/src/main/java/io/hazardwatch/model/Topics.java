package io.hazardwatch.model;

/** Kafka topic names and MQTT topic layout: the one place they are spelled. */
public final class Topics {

    /** Validated readings, JSON {@link Reading}; key = {@link SensorKey} (enterprise/device/sensor). */
    public static final String READINGS = "hazardwatch.readings.v1";
    /** Alarm transitions, JSON {@link AlarmEvent}; key = alarm key. */
    public static final String ALARMS = "hazardwatch.alarms.v1";
    /**
     * Detection rules, JSON {@link io.hazardwatch.model.registry.SensorSpec}; key = enterprise/device/sensor.
     * The detection job applies each while running; the newest ruleVersion per sensor wins.
     */
    public static final String RULES = "hazardwatch.rules.v1";
    /** Rejected payloads, raw bytes as received; the reason is in the record headers ({@link DeadLetter}). */
    public static final String DEAD_LETTER = "hazardwatch.deadletter.v1";
    /** Device online/offline events (a device's MQTT will), JSON {@link DeviceStatus}; key = {@link DeviceAddress}. */
    public static final String DEVICE_STATUS = "hazardwatch.device-status.v1";

    /**
     * Liveness of the monitoring chain's stages, JSON {@link Heartbeat}; key = stage/instance. Read by the alert
     * service's watchdog; kept one day (only the newest matter).
     */
    public static final String HEARTBEATS = "hazardwatch.heartbeats.v1";

    /**
     * The alert service's incident audit log, JSON incident events (who did what, when); key = incident id.
     * Kept 30 days (MEM Order No. 40).
     */
    public static final String INCIDENT_EVENTS = "hazardwatch.incident-events.v1";
    /**
     * The alert service's state, compacted: newest JSON of each incident, silence and the alarms-topic position;
     * key = incident/{id}, silence/{id} or offsets/{alarms topic}. Written in transactions with the event log.
     */
    public static final String INCIDENT_STATE = "hazardwatch.incident-state.v1";

    /**
     * The alert service's leadership (issue 18, active + standby): one partition, no records; the member of its
     * consumer group that owns the partition is the active instance.
     */
    public static final String ALERTS_LEADER = "hazardwatch.alerts-leader.v1";

    /** MQTT topic a device or gateway publishes to: hazardwatch/v1/{enterprise}/{device}/readings. */
    public static final String MQTT_PREFIX = "hazardwatch/v1/";
    public static final String MQTT_READINGS_SUFFIX = "/readings";
    /** A device's will topic: hazardwatch/v1/{enterprise}/{device}/status. */
    public static final String MQTT_STATUS_SUFFIX = "/status";
    /** Where the gateway tells a subscribed client why its messages were refused: .../{device}/errors. */
    public static final String MQTT_ERRORS_SUFFIX = "/errors";

    private Topics() {
    }

    /** Shorthand for {@link DeviceAddress#readingsTopic()}. */
    public static String mqttReadings(String enterprise, String device) {
        return new DeviceAddress(enterprise, device).readingsTopic();
    }

    /** Shorthand for {@link DeviceAddress#statusTopic()}. */
    public static String mqttStatus(String enterprise, String device) {
        return new DeviceAddress(enterprise, device).statusTopic();
    }

    /** Shorthand for {@link DeviceAddress#errorsTopic()}. */
    public static String mqttErrors(String enterprise, String device) {
        return new DeviceAddress(enterprise, device).errorsTopic();
    }
}
