package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorKey;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Data interruption, per device: one alarm when a whole device falls silent, a sensor alarm when one sensor
 * falls silent while its device goes on reporting. Fired by event-time timers, never by the next reading, and
 * regardless of whether the enterprise's gateway is still connected.
 *
 * <ul>
 *   <li><b>Device OFFLINE</b> (alarm key {@code enterprise/device//OFFLINE}, sensor {@code ""}, the shape the
 *       alert service's inhibition takes for "the device is offline"): no reading from any sensor of the device
 *       for the device's interval, the longest {@code offlineAfterSeconds} among its sensors. Raised when event
 *       time reaches the last time the device was seen alive (below) plus that interval; value = seconds without
 *       data, threshold = the interval (unit {@code s}). Cleared by the next reading of any of its sensors.</li>
 *   <li><b>Sensor OFFLINE</b> ({@code enterprise/device/sensor/OFFLINE}): the sensor's own interval passed
 *       without a reading of it, <em>and</em> another sensor of the device reported at or after that deadline
 *       (the device is alive, the sensor is not). Raised once event time reaches that other reading, with the
 *       episode starting at the sensor's deadline. While the device shows no sign of life the sensor's alarm is
 *       held back: if the device stays silent, the device alarm covers it (one alarm instead of one per
 *       sensor). Cleared by the sensor's next reading.</li>
 * </ul>
 * A device with a single sensor therefore raises the device alarm. Sensors whose rule has offline detection off
 * ({@code offlineAfterSeconds: 0}) raise nothing but their readings still show that the device is alive.
 *
 * <p>Silence is counted from the last time each sensor was seen alive, in event time: its newest reading's event
 * time or, for a reading that comes in behind the watermark, the watermark it came in at. A reading is that late
 * when event time moved past it while it was on the way — e.g. its split got nothing for a while and let its
 * watermark follow the wall clock ({@code SilenceAwareWatermarks}) — and it shows the device alive now, not only
 * at its own older event time. Counting from that older time raised such a device on every watermark and cleared
 * it on its next reading, hundreds of times a minute for a device sending thousands of readings a second.
 *
 * <p>Episode starts are figures from the data (deadlines), so a replay of on-time data names every episode the
 * same way. A {@link Detector} like the sensors' own, built once per device: no Flink types, the keyed function
 * stores the {@link DeviceState} and sets the timer {@link #nextTimer} asks for. Its rule is made of the current
 * rules of the device's sensors, which change while it runs: {@code rules} gives them by sensor id (null for a
 * sensor without one) at each call.
 */
public final class DeviceOfflineDetector implements Detector<DeviceState> {

    /** No evidence recorded. */
    public static final long NONE = Long.MIN_VALUE;
    /** Unit of the device alarm's value (seconds without data) and threshold (the interval). */
    public static final String DEVICE_UNIT = "s";

    private final String enterprise;
    private final String device;
    private final Function<String, SensorRule> rules;

    /** @param rules the current rule of a sensor of this device by sensor id, null if it has none */
    public DeviceOfflineDetector(String enterprise, String device, Function<String, SensorRule> rules) {
        this.enterprise = enterprise;
        this.device = device;
        this.rules = rules;
    }

    /** The device's alarm key: {@code enterprise/device//OFFLINE} (empty sensor). */
    public static String deviceAlarmKey(String enterprise, String device) {
        return AlarmEvent.keyOf(new SensorKey(enterprise, device, ""), AlarmEvent.OFFLINE);
    }

    /** The Flink key of a device: {@code enterprise/device}. */
    public static String deviceKey(Reading reading) {
        return reading.enterprise() + "/" + reading.device();
    }

    @Override
    public DeviceState initialState() {
        return new DeviceState();
    }

    /** Whether the device has a sensor that reported and still has a rule: without one it has nothing to judge. */
    public boolean monitors(DeviceState s) {
        for (String sensor : s.sensors) {
            if (rules.apply(sensor) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes a reading of one of the device's sensors, come in when event time stood at {@code out.watermark()}:
     * clears that sensor's and the device's alarm, and records it as proof of life for the device's other sensors
     * that are past their deadline. Does nothing when the sensor has no rule or the reading is older than the
     * sensor's newest.
     */
    @Override
    public DeviceState onReading(DeviceState s, Reading reading, Alarms out) {
        SensorRule rule = rules.apply(reading.sensor());
        if (rule == null) {
            return s;
        }
        upgrade(s);
        long t = reading.eventTime().toEpochMilli();
        long alive = Math.max(t, out.watermark());
        long deviceLast = deviceLast(s);
        int i = indexOf(s, reading.sensor());
        if (i < 0) {
            i = add(s, reading.sensor(), t);
        } else if (t < s.lastTime[i]) {
            return s;
        }
        if (s.active[i]) {
            s.active[i] = false;
            out.emit(rule.event(AlarmEvent.OFFLINE, AlarmLevel.NONE, AlarmTransition.CLEARED, reading.value(), null,
                    s.episodeStart[i], t, out.now(), null, s.interval[i] / 1000, null, null));
        }
        if (s.deviceActive) {
            s.deviceActive = false;
            out.emit(deviceEvent(AlarmLevel.NONE, AlarmTransition.CLEARED, seconds(Math.max(0, alive - deviceLast)),
                    s.deviceInterval, s.deviceEpisodeStart, t, ruleVersion(s), out));
        }
        s.lastTime[i] = t;
        s.aliveUntil[i] = Math.max(s.aliveUntil[i], alive);
        s.lastValue[i] = reading.value();
        s.interval[i] = rule.offlineAfterMillis();
        s.evidence[i] = NONE;
        for (int j = 0; j < s.sensors.length; j++) {
            if (j != i && !s.active[j] && s.interval[j] > 0 && s.evidence[j] == NONE
                    && alive >= s.aliveUntil[j] + s.interval[j]) {
                s.evidence[j] = alive;
            }
        }
        return s;
    }

    @Override
    public long nextTimer(DeviceState s) {
        long next = s.deviceActive ? Detector.NO_TIMER : deviceDue(s);
        for (int j = 0; j < s.sensors.length; j++) {
            if (!s.active[j] && s.evidence[j] != NONE) {
                next = Math.min(next, s.evidence[j]);
            }
        }
        return next;
    }

    /** Event time has reached {@code time}: raises the sensor alarms that have proof, then the device alarm. */
    @Override
    public DeviceState onTimer(DeviceState s, long time, Alarms out) {
        upgrade(s);
        for (int j = 0; j < s.sensors.length; j++) {
            if (!s.active[j] && s.evidence[j] != NONE && time >= s.evidence[j]) {
                SensorRule rule = rules.apply(s.sensors[j]);
                s.evidence[j] = NONE;
                if (rule == null) {
                    continue;
                }
                long due = s.aliveUntil[j] + s.interval[j];
                s.active[j] = true;
                s.episodeStart[j] = due;
                out.emit(rule.event(AlarmEvent.OFFLINE, AlarmLevel.FIRST, AlarmTransition.RAISED, s.lastValue[j], null,
                        due, due, out.now(), null, s.interval[j] / 1000, null, null));
            }
        }
        long due = deviceDue(s);
        if (!s.deviceActive && due != Detector.NO_TIMER && time >= due) {
            long interval = deviceInterval(s);
            s.deviceActive = true;
            s.deviceEpisodeStart = due;
            s.deviceInterval = interval;
            out.emit(deviceEvent(AlarmLevel.FIRST, AlarmTransition.RAISED, seconds(interval), interval, due, due,
                    ruleVersion(s), out));
        }
        return s;
    }

    /** The device's deadline: when it was last seen alive plus its interval; {@link Detector#NO_TIMER} if unmonitored. */
    static long deviceDue(DeviceState s) {
        long interval = deviceInterval(s);
        return interval > 0 ? deviceLast(s) + interval : Detector.NO_TIMER;
    }

    /** The longest offline interval among the device's sensors (0: no sensor is monitored). */
    static long deviceInterval(DeviceState s) {
        long interval = 0;
        for (long i : s.interval) {
            interval = Math.max(interval, i);
        }
        return interval;
    }

    private static long deviceLast(DeviceState s) {
        long last = Long.MIN_VALUE;
        for (long t : s.aliveUntil) {
            last = Math.max(last, t);
        }
        return last;
    }

    private AlarmEvent deviceEvent(AlarmLevel level, AlarmTransition transition, double silentSeconds, long interval,
                                   long episodeStart, long eventTime, int ruleVersion, Alarms out) {
        return new AlarmEvent(AlarmEvent.SCHEMA, deviceAlarmKey(enterprise, device), enterprise, device, "", null,
                AlarmEvent.OFFLINE, level, transition, silentSeconds, seconds(interval), DEVICE_UNIT,
                "offline:" + enterprise + "/" + device, ruleVersion, java.time.Instant.ofEpochMilli(episodeStart),
                java.time.Instant.ofEpochMilli(eventTime), out.now(), null, interval / 1000, null, null);
    }

    /** The newest rule version among the device's sensors: the device rule is made of theirs. */
    private int ruleVersion(DeviceState s) {
        int version = 0;
        for (String sensor : s.sensors) {
            SensorRule rule = rules.apply(sensor);
            if (rule != null) {
                version = Math.max(version, rule.ruleVersion());
            }
        }
        return version;
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }

    /** A state kept by a version without {@code aliveUntil}: each sensor was last seen alive at its newest reading. */
    private static void upgrade(DeviceState s) {
        if (s.aliveUntil.length != s.sensors.length) {
            s.aliveUntil = Arrays.copyOf(s.lastTime, s.lastTime.length);
        }
    }

    private static int indexOf(DeviceState s, String sensor) {
        for (int j = 0; j < s.sensors.length; j++) {
            if (s.sensors[j].equals(sensor)) {
                return j;
            }
        }
        return -1;
    }

    private static int add(DeviceState s, String sensor, long t) {
        int n = s.sensors.length;
        s.sensors = Arrays.copyOf(s.sensors, n + 1);
        s.sensors[n] = sensor;
        s.lastTime = Arrays.copyOf(s.lastTime, n + 1);
        s.lastTime[n] = t;
        s.aliveUntil = Arrays.copyOf(s.aliveUntil, n + 1);
        s.aliveUntil[n] = t;
        s.interval = Arrays.copyOf(s.interval, n + 1);
        s.lastValue = Arrays.copyOf(s.lastValue, n + 1);
        s.active = Arrays.copyOf(s.active, n + 1);
        s.episodeStart = Arrays.copyOf(s.episodeStart, n + 1);
        s.evidence = Arrays.copyOf(s.evidence, n + 1);
        s.evidence[n] = NONE;
        return n;
    }
}
