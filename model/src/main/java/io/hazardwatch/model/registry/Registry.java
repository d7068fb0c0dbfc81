package io.hazardwatch.model.registry;

import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.Thresholds;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.YamlFiles;
import io.hazardwatch.model.registry.RegistryFile.Credential;
import io.hazardwatch.model.registry.RegistryFile.Device;
import io.hazardwatch.model.registry.RegistryFile.Enterprise;
import io.hazardwatch.model.registry.RegistryFile.GridCell;
import io.hazardwatch.model.registry.RegistryFile.Limits;
import io.hazardwatch.model.registry.RegistryFile.HazardousSubstance;
import io.hazardwatch.model.registry.RegistryFile.HazardUnit;
import io.hazardwatch.model.registry.RegistryFile.Position;
import io.hazardwatch.model.registry.RegistryFile.Sensor;
import io.hazardwatch.model.registry.RegistryFile.ThresholdSpec;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may publish what, and each sensor's thresholds: the validated, read-only view of the registry file
 * that every service loads.
 */
public final class Registry {

    /** Ids appear in MQTT topics and Kafka keys, so they may not contain '/', '+', '#' or spaces. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final int version;
    private final Map<String, Enterprise> enterprises;
    private final Map<String, String> credentialOwner;
    private final Map<String, String> credentialHash;
    private final Map<SensorKey, SensorSpec> sensors;
    /** Devices a restricted login may publish for; absent for enterprise-wide gateway logins. */
    private final Map<String, Set<String>> credentialDevices;
    /** Registered device ids per enterprise. */
    private final Map<String, Set<String>> devices;
    /** Outlines of the grid cells on the park plan (optional; may be empty). */
    private final List<GridCell> gridCells;
    /** The major-hazard unit of each device that names one, per enterprise. */
    private final Map<String, Map<String, String>> deviceUnits;
    /** Which login a client certificate names ({@code credentials[].certificate}). */
    private final CertificateNames certificates;

    private Registry(int version, Map<String, Enterprise> enterprises, Map<String, String> credentialOwner,
                     Map<String, String> credentialHash, Map<SensorKey, SensorSpec> sensors,
                     Map<String, Set<String>> credentialDevices, Map<String, Set<String>> devices,
                     List<GridCell> gridCells, Map<String, Map<String, String>> deviceUnits,
                     CertificateNames certificates) {
        this.version = version;
        this.enterprises = enterprises;
        this.credentialOwner = credentialOwner;
        this.credentialHash = credentialHash;
        this.sensors = sensors;
        this.credentialDevices = credentialDevices;
        this.devices = devices;
        this.gridCells = gridCells;
        this.deviceUnits = deviceUnits;
        this.certificates = certificates;
    }

    /** Reads and validates a registry file (.yaml/.yml or .json). */
    public static Registry load(Path file) {
        RegistryFile parsed;
        try {
            parsed = YamlFiles.read(file, RegistryFile.class);
        } catch (ConfigException e) {
            throw new RegistryException(e.getMessage(), e);
        }
        return of(parsed);
    }

    /** Validates an already parsed registry. */
    public static Registry of(RegistryFile file) {
        if (file.version() < 1) {
            throw new RegistryException("version: must be a positive integer");
        }
        Map<String, Enterprise> enterprises = new LinkedHashMap<>();
        Map<String, String> owner = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        Map<SensorKey, SensorSpec> sensors = new LinkedHashMap<>();
        Map<String, Set<String>> credentialDevices = new HashMap<>();
        Map<String, Set<String>> deviceIds = new HashMap<>();
        Map<String, Map<String, String>> deviceUnits = new HashMap<>();
        List<Enterprise> list = require(file.enterprises(), "enterprises");
        for (int e = 0; e < list.size(); e++) {
            Enterprise ent = list.get(e);
            String path = "enterprises[" + e + "]";
            checkId(ent.id(), path + ".id");
            require(ent.gridCell(), path + ".gridCell");
            if (enterprises.putIfAbsent(ent.id(), ent) != null) {
                throw new RegistryException(path + ".id: duplicate enterprise '" + ent.id() + "'");
            }
            List<Device> devices = require(ent.devices(), path + ".devices");
            Set<String> entDevices = new HashSet<>();
            devices.forEach(d -> entDevices.add(d.id()));
            deviceIds.put(ent.id(), entDevices);
            checkLimits(ent.limits(), path + ".limits");
            checkPosition(ent.position(), path + ".position");
            checkMajorHazards(ent.majorHazards(), path + ".majorHazards");
            deviceUnits.put(ent.id(), DeviceUnits.of(ent, path));
            List<Credential> creds = ent.credentials() == null ? List.of() : ent.credentials();
            for (int c = 0; c < creds.size(); c++) {
                Credential cred = creds.get(c);
                String cpath = path + ".credentials[" + c + "]";
                credential(cred, cpath, ent.id(), owner, hashes);
                if (cred.devices() != null) {
                    for (int i = 0; i < cred.devices().size(); i++) {
                        if (!entDevices.contains(cred.devices().get(i))) {
                            throw new RegistryException(cpath + ".devices[" + i + "]: '" + cred.devices().get(i)
                                    + "' is not a device of enterprise '" + ent.id() + "'");
                        }
                    }
                    credentialDevices.put(cred.username(), Set.copyOf(cred.devices()));
                }
            }
            for (int d = 0; d < devices.size(); d++) {
                Device dev = devices.get(d);
                String dpath = path + ".devices[" + d + "]";
                checkId(dev.id(), dpath + ".id");
                List<Credential> devCreds = dev.credentials() == null ? List.of() : dev.credentials();
                for (int c = 0; c < devCreds.size(); c++) {
                    String cpath = dpath + ".credentials[" + c + "]";
                    if (devCreds.get(c).devices() != null) {
                        throw new RegistryException(cpath + ".devices: a device's own login publishes for that device only");
                    }
                    credential(devCreds.get(c), cpath, ent.id(), owner, hashes);
                    credentialDevices.put(devCreds.get(c).username(), Set.of(dev.id()));
                }
                List<Sensor> list2 = require(dev.sensors(), dpath + ".sensors");
                for (int s = 0; s < list2.size(); s++) {
                    Sensor sensor = list2.get(s);
                    String spath = dpath + ".sensors[" + s + "]";
                    checkId(sensor.id(), spath + ".id");
                    SensorType type = require(sensor.type(), spath + ".type");
                    SensorKey key = new SensorKey(ent.id(), dev.id(), sensor.id());
                    Thresholds thresholds = thresholds(type, sensor.thresholds(), spath + ".thresholds");
                    checkDetection(sensor.detection(), spath + ".detection");
                    if (sensors.putIfAbsent(key, new SensorSpec(key, ent.gridCell(), type, thresholds, file.version(),
                            sensor.detection())) != null) {
                        throw new RegistryException(spath + ".id: duplicate sensor '" + key + "'");
                    }
                }
            }
        }
        return new Registry(file.version(), enterprises, owner, hashes, sensors, credentialDevices, deviceIds,
                gridCells(file.gridCells()), deviceUnits, CertificateNames.of(file));
    }

    private static List<GridCell> gridCells(List<GridCell> cells) {
        if (cells == null) {
            return List.of();
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            GridCell cell = cells.get(i);
            String path = "gridCells[" + i + "]";
            require(cell, path);
            require(cell.id(), path + ".id");
            if (!ids.add(cell.id())) {
                throw new RegistryException(path + ".id: duplicate grid cell '" + cell.id() + "'");
            }
            if (cell.outline() != null) {
                if (cell.outline().size() < 3) {
                    throw new RegistryException(path + ".outline: needs at least 3 points");
                }
                for (int p = 0; p < cell.outline().size(); p++) {
                    checkPosition(require(cell.outline().get(p), path + ".outline[" + p + "]"),
                            path + ".outline[" + p + "]");
                }
            } else {
                checkPosition(new Position(cell.x(), cell.y()), path);
                if (cell.width() == null || cell.height() == null || !(cell.width() > 0) || !(cell.height() > 0)
                        || cell.width().isInfinite() || cell.height().isInfinite()) {
                    throw new RegistryException(path + ": needs x, y, width and height (width and height above 0)"
                            + " or an outline");
                }
            }
        }
        return List.copyOf(cells);
    }

    private static void checkMajorHazards(List<HazardUnit> units, String listPath) {
        if (units == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int u = 0; u < units.size(); u++) {
            HazardUnit unit = units.get(u);
            String path = listPath + "[" + u + "]";
            if (!names.add(require(unit.unit(), path + ".unit"))) {
                throw new RegistryException(path + ".unit: '" + unit.unit() + "' is listed twice");
            }
            checkHazardUnit(unit, path);
        }
    }

    private static void checkHazardUnit(HazardUnit hazard, String path) {
        if (hazard.peopleWithin500m() == null || hazard.peopleWithin500m() < 0) {
            throw new RegistryException(path + ".peopleWithin500m: required, a whole number ≥ 0");
        }
        List<HazardousSubstance> substances = hazard.substances();
        if (substances == null || substances.isEmpty()) {
            throw new RegistryException(path + ".substances: required, at least one");
        }
        for (int i = 0; i < substances.size(); i++) {
            HazardousSubstance h = substances.get(i);
            String spath = path + ".substances[" + i + "]";
            require(h.name(), spath + ".name");
            checkNumber(h.quantity(), spath + ".quantity", true);
            checkNumber(h.criticalQuantity(), spath + ".criticalQuantity", false);
            checkNumber(h.beta(), spath + ".beta", false);
        }
    }

    /** A required finite number above 0, or ≥ 0 if {@code zeroAllowed}. */
    private static void checkNumber(Double value, String path, boolean zeroAllowed) {
        if (value == null || !Double.isFinite(value) || value < 0 || (!zeroAllowed && value == 0)) {
            throw new RegistryException(path + ": required, a number " + (zeroAllowed ? "≥ 0" : "above 0"));
        }
    }

    private static void checkPosition(Position position, String path) {
        if (position == null) {
            return;
        }
        if (position.x() == null || position.y() == null || !Double.isFinite(position.x())
                || !Double.isFinite(position.y())) {
            throw new RegistryException(path + ": x and y are required finite numbers");
        }
    }

    private static void credential(Credential cred, String cpath, String enterprise, Map<String, String> owner,
                                   Map<String, String> hashes) {
        require(cred.username(), cpath + ".username");
        if (LoginHash.of(cred.passwordHash()).isEmpty()) {
            throw new RegistryException(cpath + ".passwordHash: must be a bcrypt hash (`bin/hw passwords`) or a device "
                    + "secret's hash (`bin/hw device-secret`)");
        }
        if (owner.putIfAbsent(cred.username(), enterprise) != null) {
            throw new RegistryException(cpath + ".username: '" + cred.username() + "' is used twice");
        }
        hashes.put(cred.username(), cred.passwordHash());
    }

    private static void checkLimits(Limits limits, String path) {
        if (limits == null) {
            return;
        }
        if (limits.maxConnections() != null && limits.maxConnections() < 1) {
            throw new RegistryException(path + ".maxConnections: must be at least 1");
        }
        if (limits.maxMessagesPerSecond() != null && limits.maxMessagesPerSecond() < 1) {
            throw new RegistryException(path + ".maxMessagesPerSecond: must be at least 1");
        }
    }

    public int version() {
        return version;
    }

    /**
     * The principal of a username, without a password check: for logins proven otherwise (a client certificate the
     * login names, {@link #principalByCertificate}), or to check its {@link Principal#passwordHash()} (module
     * {@code logins}).
     */
    public Optional<Principal> principal(String username) {
        String enterprise = username == null ? null : credentialOwner.get(username);
        if (enterprise == null) {
            return Optional.empty();
        }
        return Optional.of(new Principal(username, enterprise, credentialDevices.get(username), credentialHash.get(username)));
    }

    /** The login whose {@code certificate} names this SHA-256 fingerprint (lower-case hex) or subject CN, if any. */
    public Optional<Principal> principalByCertificate(String sha256Hex, String commonName) {
        return certificates.username(sha256Hex, commonName).flatMap(this::principal);
    }

    /** Every login's stored hash, by username (production mode looks for the demo's). */
    public Map<String, String> loginHashes() {
        return java.util.Collections.unmodifiableMap(credentialHash);
    }

    /** False once the principal's credential was revoked, its password changed or its devices changed. */
    public boolean isCurrent(Principal principal) {
        String hash = credentialHash.get(principal.username());
        return hash != null && hash.equals(principal.credentialHash)
                && principal.enterprise().equals(credentialOwner.get(principal.username()))
                && java.util.Objects.equals(principal.devices, credentialDevices.get(principal.username()));
    }

    /** The enterprise's limits as written in the registry (fields may be null: use the gateway's default). */
    public Limits limits(String enterprise) {
        Enterprise ent = enterprises.get(enterprise);
        return ent == null || ent.limits() == null ? new Limits(null, null) : ent.limits();
    }

    public Optional<SensorSpec> sensor(SensorKey key) {
        return Optional.ofNullable(sensors.get(key));
    }

    public Collection<SensorSpec> sensors() {
        return sensors.values();
    }

    public boolean hasEnterprise(String id) {
        return enterprises.containsKey(id);
    }

    /** The enterprises in file order (for views such as the park map; credentials are hashes only). */
    public Collection<Enterprise> enterprises() {
        return enterprises.values();
    }

    /** The grid cells' outlines on the park plan, in file order; empty if the file has none. */
    public List<GridCell> gridCells() {
        return gridCells;
    }

    public Optional<String> gridCellOf(String enterprise) {
        return Optional.ofNullable(enterprises.get(enterprise)).map(Enterprise::gridCell);
    }

    /** The major-hazard unit a device's sensors watch (its {@code unit}), if it names one. */
    public Optional<String> unitOf(String enterprise, String device) {
        return Optional.ofNullable(deviceUnits.getOrDefault(enterprise, Map.of()).get(device));
    }

    public boolean hasDevice(String enterprise, String device) {
        Set<String> ids = devices.get(enterprise);
        return ids != null && ids.contains(device);
    }

    private static Thresholds thresholds(SensorType type, ThresholdSpec spec, String path) {
        Optional<Thresholds> defaults = type.defaultThresholds();
        if (spec == null) {
            return defaults.orElseThrow(() -> new RegistryException(
                    path + ": required, sensor type " + type + " has no default set points"));
        }
        Thresholds base = defaults.orElse(null);
        Double firstHigh = pick(spec.firstHigh(), base == null ? null : base.firstHigh());
        Double secondHigh = pick(spec.secondHigh(), base == null ? null : base.secondHigh());
        Double firstLow = pick(spec.firstLow(), base == null ? null : base.firstLow());
        Double secondLow = pick(spec.secondLow(), base == null ? null : base.secondLow());
        double deadband = spec.deadband() != null ? spec.deadband()
                : base != null && spec.firstHigh() == null && spec.firstLow() == null ? base.deadband()
                : defaultDeadband(firstHigh, secondHigh, firstLow, secondLow);
        try {
            return new Thresholds(firstHigh, secondHigh, firstLow, secondLow, deadband);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(path + ": " + e.getMessage());
        }
    }

    /** Every detection setting is a duration, a count or a limit: none may be negative. */
    private static void checkDetection(RegistryFile.DetectionSpec d, String path) {
        if (d == null) {
            return;
        }
        Object[][] fields = {{"forSeconds", d.forSeconds()}, {"inRow", d.inRow()}, {"flapChanges", d.flapChanges()},
                {"flapWindowSeconds", d.flapWindowSeconds()}, {"offlineAfterSeconds", d.offlineAfterSeconds()},
                {"stuckAfterSeconds", d.stuckAfterSeconds()}, {"stuckTolerance", d.stuckTolerance()},
                {"trendWindowSeconds", d.trendWindowSeconds()}, {"earlyWarningSeconds", d.earlyWarningSeconds()},
                {"maxRisePerMinute", d.maxRisePerMinute()}, {"stel", d.stel()}, {"twa", d.twa()}, {"mac", d.mac()}};
        for (Object[] field : fields) {
            if (field[1] instanceof Number n && !(n.doubleValue() >= 0)) {
                throw new RegistryException(path + "." + field[0] + ": must not be negative, was " + n);
            }
        }
        if (d.rangeMin() != null && d.rangeMax() != null && !(d.rangeMin() < d.rangeMax())) {
            throw new RegistryException(path + ".rangeMax: must be above rangeMin");
        }
    }

    private static double defaultDeadband(Double... limits) {
        for (Double limit : limits) {
            if (limit != null) {
                return Math.abs(limit) * 0.1;
            }
        }
        return 0;
    }

    private static Double pick(Double override, Double fallback) {
        return override != null ? override : fallback;
    }

    private static void checkId(String id, String path) {
        require(id, path);
        if (!ID.matcher(id).matches()) {
            throw new RegistryException(path + ": '" + id + "' is not a valid id (letters, digits, . _ -; at most 64)");
        }
    }

    private static <T> T require(T value, String path) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new RegistryException(path + ": required");
        }
        return value;
    }
}
