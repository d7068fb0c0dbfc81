package io.hazardwatch.model.registry;

import io.hazardwatch.model.config.FieldPath;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.Thresholds;
import io.hazardwatch.model.registry.RegistryFile.Credential;
import io.hazardwatch.model.registry.RegistryFile.Device;
import io.hazardwatch.model.registry.RegistryFile.Enterprise;
import io.hazardwatch.model.registry.RegistryFile.Sensor;
import io.hazardwatch.model.registry.RegistryFile.ThresholdSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private Registry(int version, Map<String, Enterprise> enterprises, Map<String, String> credentialOwner,
                     Map<String, String> credentialHash, Map<SensorKey, SensorSpec> sensors) {
        this.version = version;
        this.enterprises = enterprises;
        this.credentialOwner = credentialOwner;
        this.credentialHash = credentialHash;
        this.sensors = sensors;
    }

    /** Reads and validates a registry file (.yaml/.yml or .json). */
    public static Registry load(Path file) {
        ObjectMapper mapper = file.toString().endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return of(mapper.readValue(Files.readAllBytes(file), RegistryFile.class));
        } catch (InvalidFormatException e) {
            throw new RegistryException(file + ": " + FieldPath.of(e) + ": invalid value '" + e.getValue() + "'", e);
        } catch (JsonMappingException e) {
            throw new RegistryException(file + ": " + FieldPath.of(e) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RegistryException(file + ": cannot read registry: " + e.getMessage(), e);
        }
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
        List<Enterprise> list = require(file.enterprises(), "enterprises");
        for (int e = 0; e < list.size(); e++) {
            Enterprise ent = list.get(e);
            String path = "enterprises[" + e + "]";
            checkId(ent.id(), path + ".id");
            require(ent.gridCell(), path + ".gridCell");
            if (enterprises.putIfAbsent(ent.id(), ent) != null) {
                throw new RegistryException(path + ".id: duplicate enterprise '" + ent.id() + "'");
            }
            List<Credential> creds = ent.credentials() == null ? List.of() : ent.credentials();
            for (int c = 0; c < creds.size(); c++) {
                Credential cred = creds.get(c);
                String cpath = path + ".credentials[" + c + "]";
                require(cred.username(), cpath + ".username");
                if (cred.passwordHash() == null || !cred.passwordHash().startsWith("$2")) {
                    throw new RegistryException(cpath + ".passwordHash: must be a bcrypt hash (see Passwords)");
                }
                if (owner.putIfAbsent(cred.username(), ent.id()) != null) {
                    throw new RegistryException(cpath + ".username: '" + cred.username() + "' is used twice");
                }
                hashes.put(cred.username(), cred.passwordHash());
            }
            List<Device> devices = require(ent.devices(), path + ".devices");
            for (int d = 0; d < devices.size(); d++) {
                Device dev = devices.get(d);
                String dpath = path + ".devices[" + d + "]";
                checkId(dev.id(), dpath + ".id");
                List<Sensor> list2 = require(dev.sensors(), dpath + ".sensors");
                for (int s = 0; s < list2.size(); s++) {
                    Sensor sensor = list2.get(s);
                    String spath = dpath + ".sensors[" + s + "]";
                    checkId(sensor.id(), spath + ".id");
                    SensorType type = require(sensor.type(), spath + ".type");
                    SensorKey key = new SensorKey(ent.id(), dev.id(), sensor.id());
                    Thresholds thresholds = thresholds(type, sensor.thresholds(), spath + ".thresholds");
                    if (sensors.putIfAbsent(key, new SensorSpec(key, ent.gridCell(), type, thresholds, file.version())) != null) {
                        throw new RegistryException(spath + ".id: duplicate sensor '" + key + "'");
                    }
                }
            }
        }
        return new Registry(file.version(), enterprises, owner, hashes, sensors);
    }

    public int version() {
        return version;
    }

    /** The enterprise a username/password logs in as, if the credentials are valid. */
    public Optional<String> authenticate(String username, String password) {
        String hash = credentialHash.get(username);
        if (hash == null || !Passwords.matches(password, hash)) {
            return Optional.empty();
        }
        return Optional.of(credentialOwner.get(username));
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

    public Optional<String> gridCellOf(String enterprise) {
        return Optional.ofNullable(enterprises.get(enterprise)).map(Enterprise::gridCell);
    }

    public boolean hasDevice(String enterprise, String device) {
        Enterprise ent = enterprises.get(enterprise);
        return ent != null && ent.devices().stream().anyMatch(d -> d.id().equals(device));
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
