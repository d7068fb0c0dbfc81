package io.hazardwatch.model.registry;

import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.hazard.MajorHazardGrade;
import java.util.List;

/**
 * The registry file as written by people (YAML or JSON). {@link Registry#load} validates it; nothing else
 * reads these records directly.
 */
public record RegistryFile(int version, List<Enterprise> enterprises, List<GridCell> gridCells) {

    public RegistryFile(int version, List<Enterprise> enterprises) {
        this(version, enterprises, null);
    }

    /**
     * An enterprise with major hazard sources, in one grid cell of the supervision grid.
     *
     * @param position    where the enterprise is drawn on the park plan (optional; plan units, see {@link GridCell})
     * @param majorHazards the units its major hazard identification report declares (optional), each graded by
     *                     GB 18218
     */
    public record Enterprise(String id, String name, String gridCell, List<Credential> credentials,
                             List<Device> devices, Limits limits, Position position, List<HazardUnit> majorHazards) {

        public Enterprise(String id, String name, String gridCell, List<Credential> credentials, List<Device> devices) {
            this(id, name, gridCell, credentials, devices, null, null, null);
        }

        public Enterprise(String id, String name, String gridCell, List<Credential> credentials,
                          List<Device> devices, Limits limits) {
            this(id, name, gridCell, credentials, devices, limits, null, null);
        }
    }

    /**
     * One production or storage unit of an enterprise (GB 18218 grades each unit on its own): the hazardous
     * substances it holds and the people normally within 500 m, as the enterprise's major hazard identification
     * report states them; {@link MajorHazardGrade} computes S, R and the level.
     */
    public record HazardUnit(String unit, Integer peopleWithin500m, List<HazardousSubstance> substances) {

        /** The grade; call only on a registry that {@link Registry} has validated. */
        public MajorHazardGrade grade() {
            return MajorHazardGrade.of(peopleWithin500m, substances.stream()
                    .map(h -> new MajorHazardGrade.Substance(h.name(), h.quantity(), h.criticalQuantity(), h.beta()))
                    .toList());
        }
    }

    /**
     * @param quantity         tonnes present (the maximum the unit can hold)
     * @param criticalQuantity the substance's critical quantity Q in tonnes (GB 18218-2018, table 1 or 2)
     * @param beta             its correction factor β (table 3 or 4)
     */
    public record HazardousSubstance(String name, Double quantity, Double criticalQuantity, Double beta) {
    }

    /** A point on the park plan, in plan units (x to the right, y downwards, as in SVG). */
    public record Position(Double x, Double y) {
    }

    /**
     * The outline of a supervision grid cell on the park plan (optional, for the duty-room map): a rectangle
     * ({@code x}, {@code y}, {@code width}, {@code height}) or a polygon ({@code outline}, at least 3 points).
     */
    public record GridCell(String id, String name, Double x, Double y, Double width, Double height,
                           List<Position> outline) {
    }

    /**
     * Per-enterprise ingest limits; a missing value means the gateway's configured default.
     *
     * @param maxConnections       concurrent MQTT connections of the enterprise's clients
     * @param maxMessagesPerSecond messages per second over all of the enterprise's connections and HTTP
     */
    public record Limits(Integer maxConnections, Integer maxMessagesPerSecond) {
    }

    /**
     * MQTT / HTTP login of the enterprise's gateway or devices. The password is kept only as a bcrypt hash.
     * Under an enterprise, {@code devices} lists the devices registered behind that gateway; without it the
     * login may publish for every device of the enterprise. Under a device, the login is that device's own.
     * {@code certificate} (optional) names the client certificate that logs in as this login on the MQTT TLS
     * listener: {@code sha256:<fingerprint>} or {@code cn:<subject common name>}.
     */
    public record Credential(String username, String passwordHash, List<String> devices, String certificate) {

        public Credential(String username, String passwordHash) {
            this(username, passwordHash, null, null);
        }

        public Credential(String username, String passwordHash, List<String> devices) {
            this(username, passwordHash, devices, null);
        }
    }

    /**
     * A device; {@code credentials} are its own logins, which may publish for this device only; {@code unit}
     * (optional) names the enterprise's major-hazard unit ({@code majorHazards[].unit}) its sensors watch.
     */
    public record Device(String id, String name, List<Sensor> sensors, List<Credential> credentials, String unit) {

        public Device(String id, String name, List<Sensor> sensors) {
            this(id, name, sensors, null, null);
        }

        public Device(String id, String name, List<Sensor> sensors, List<Credential> credentials) {
            this(id, name, sensors, credentials, null);
        }
    }

    /**
     * A sensor; {@code thresholds} overrides its type's defaults field by field, {@code detection} tunes the
     * detection job's other rules (all optional).
     */
    public record Sensor(String id, SensorType type, ThresholdSpec thresholds, DetectionSpec detection) {

        public Sensor(String id, SensorType type, ThresholdSpec thresholds) {
            this(id, type, thresholds, null);
        }
    }

    /**
     * Per-sensor detection settings; a missing value means the detection job's default for the sensor type
     * (see stream-jobs README).
     *
     * @param forSeconds          a set point must be crossed for this long (event time) before it alarms
     * @param inRow               ... and by this many readings in a row
     * @param flapChanges         this many alarm state changes within {@code flapWindowSeconds} mark the sensor flapping
     * @param offlineAfterSeconds no reading for this long raises OFFLINE (0 = off)
     * @param stuckAfterSeconds   readings that do not move by more than {@code stuckTolerance} for this long raise STUCK (0 = off)
     * @param rangeMin            the detector's measuring range, below which a reading is a fault
     * @param rangeMax            the detector's measuring range, above which a reading is a fault
     * @param trendWindowSeconds  window of the least-squares rate of rise (0 = off)
     * @param earlyWarningSeconds warn when the trend crosses the first level within this lead time
     * @param maxRisePerMinute    warn when the rate of rise exceeds this, in units per minute
     * @param stel                15-minute time-weighted average limit, in the sensor's unit
     * @param twa                 8-hour time-weighted average limit, in the sensor's unit
     * @param mac                 ceiling never to be exceeded, in the sensor's unit
     */
    public record DetectionSpec(Integer forSeconds, Integer inRow, Integer flapChanges, Integer flapWindowSeconds,
                                Integer offlineAfterSeconds, Integer stuckAfterSeconds, Double stuckTolerance,
                                Double rangeMin, Double rangeMax, Integer trendWindowSeconds,
                                Integer earlyWarningSeconds, Double maxRisePerMinute, Double stel, Double twa,
                                Double mac) implements java.io.Serializable {
    }

    public record ThresholdSpec(Double firstHigh, Double secondHigh, Double firstLow, Double secondLow,
                                Double deadband) {
    }
}
