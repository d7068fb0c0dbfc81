package io.hazardwatch.simulator.load;

import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.Topics;
import io.hazardwatch.simulator.mqtt.LinkOptions;
import io.hazardwatch.simulator.mqtt.MqttLink;
import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.simulator.scenario.SignalGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated device of a fleet: its login, its current connection and where its publishing loop stands. The
 * mutable fields are guarded by the object's monitor ({@link FleetGenerator} changes them from event loops, timers
 * and its watcher).
 */
public final class FleetDevice {

    final FleetSecrets.Login login;
    final LinkOptions options;
    final String topic;
    private final Scenario.Device readings;
    private final long[] lastStamp;
    private int nextSensor;

    /** The connection in use (or being opened). */
    MqttLink link;
    /** Connected and publishing; false while lost, backing off or connecting again. */
    volatile boolean up;
    boolean everConnected;
    /** A reading on {@link #link} awaits its PUBACK. */
    boolean inFlight;
    /** When the next reading is due (System.nanoTime), with a per-device rate. */
    long nextDue;
    /** Outages this device was lost in and has not yet published since. */
    final List<FleetStorms.Outage> awaiting = new ArrayList<>(1);

    /**
     * @param clientId {@code login.username()} when the broker takes it (MQTT 3.1.1 servers need only accept 23
     *                 characters, and Vert.x MQTT enforces that), else a short id unique in the whole fleet
     */
    FleetDevice(FleetSecrets.Login login, String clientId, String broker, int mqttVersion, Scenario.Device readings) {
        this.login = login;
        this.options = new LinkOptions(broker, mqttVersion, clientId, login.username(), login.secret(),
                FleetSettings.CONNECT_TIMEOUT, 1, false, Duration.ZERO);
        this.topic = Topics.mqttReadings(login.enterprise(), login.device());
        this.readings = readings;
        this.lastStamp = new long[readings.sensors().size()];
    }

    /** The client id for the device on line {@code index} of the secrets file: its username if short enough. */
    static String clientId(FleetSecrets.Login login, int index) {
        return login.username().length() <= LinkOptions.MAX_CLIENT_ID ? login.username() : "fleet-" + index;
    }

    /**
     * The next reading: the device's sensors in turn, values from the scenario's behaviours, stamped with the wall
     * clock but never the same millisecond twice for a sensor (the history store keeps one point per instant).
     */
    synchronized byte[] nextReading(SignalGenerator signals, Duration elapsed) {
        int s = nextSensor;
        nextSensor = (s + 1) % lastStamp.length;
        Scenario.Sensor sensor = readings.sensors().get(s);
        long stamp = Math.max(lastStamp[s] + 1, System.currentTimeMillis());
        lastStamp[s] = stamp;
        double value = signals.value(new SensorKey(login.enterprise(), login.device(), sensor.id()), sensor.behaviour(),
                elapsed);
        return Json.toBytes(DeviceMessage.reading(sensor.id(), value, sensor.unit(), Instant.ofEpochMilli(stamp)));
    }
}
