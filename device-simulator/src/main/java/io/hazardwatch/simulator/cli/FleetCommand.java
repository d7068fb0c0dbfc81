package io.hazardwatch.simulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.YamlFiles;
import io.hazardwatch.logins.DeviceSecrets;
import io.hazardwatch.simulator.load.FleetSecrets;
import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.simulator.scenario.ScenarioScaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code device-simulator fleet}: a registry for a scenario scaled to many devices. Load spread over a
 * handful of sensors is not what a park sends (thousands of sensors, each a reading every second or so);
 * {@code load --devices N} publishes for N copies of each scenario device, and this command writes the
 * registry that knows them: the input registry plus, per scenario device, copies {@code id-2 … id-N} of its
 * registry entry (same name, sensor types and thresholds; only the sensors the scenario publishes; no
 * device logins, the enterprise's gateway login publishes for them). With {@code --device-logins}, every device the
 * scenario publishes (originals and copies) also gets its own login {@code <enterprise>-<device>} with a fresh
 * device secret, for {@code load --fleet}; the secrets go to {@code --secrets-out}, the registry holds their hashes.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Writes a registry with N copies of each scenario device, for `load --devices N`.")
public final class FleetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--registry", required = true, paramLabel = "FILE", description = "The registry to extend.")
    Path registry;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The load scenario.")
    Path scenarioFile;

    @Option(names = "--devices", required = true, paramLabel = "N", description = "Copies of each scenario device (>= 1).")
    int devices;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the registry.")
    Path out;

    @Option(names = "--device-logins",
            description = "Give every published device (originals and copies) its own login <enterprise>-<device> "
                    + "with a new device secret (for `load --fleet`); needs --secrets-out.")
    boolean deviceLogins;

    @Option(names = "--secrets-out", paramLabel = "FILE",
            description = "With --device-logins: where the secrets go, one line username<TAB>secret<TAB>enterprise"
                    + "<TAB>device (mode 600).")
    Path secretsOut;

    /** The logins by copy number: written copy by copy, so that the first lines of the file span every enterprise. */
    private final List<List<FleetSecrets.Login>> logins = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Checks.positive(spec, "--devices", devices);
        if (deviceLogins != (secretsOut != null)) {
            throw Checks.bad(spec, deviceLogins ? "--secrets-out" : "--device-logins",
                    "required with " + (deviceLogins ? "--device-logins" : "--secrets-out"));
        }
        Scenario scenario = Checks.scenario(spec, scenarioFile, null);
        JsonNode root;
        try {
            root = YamlFiles.readTree(registry);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "--registry " + e.getMessage());
        }
        int added = 0;
        for (Scenario.Enterprise e : scenario.enterprises()) {
            ArrayNode registered = devicesOf(root, e.id());
            for (Scenario.Device d : e.devices()) {
                ObjectNode original = find(registered, d.id(), e.id());
                Set<String> published = d.sensors().stream().map(Scenario.Sensor::id).collect(Collectors.toSet());
                giveLogin(original, e.id(), d.id(), 1);
                for (int n = 2; n <= devices; n++) {
                    ObjectNode copy = original.deepCopy();
                    copy.put("id", ScenarioScaler.copy(d.id(), n));
                    copy.remove("credentials");
                    ArrayNode sensors = copy.putArray("sensors");
                    for (JsonNode sensor : original.withArray("sensors")) {
                        if (published.contains(sensor.path("id").asText())) {
                            sensors.add(sensor.deepCopy());
                        }
                    }
                    giveLogin(copy, e.id(), copy.path("id").asText(), n);
                    registered.add(copy);
                    added++;
                }
            }
        }
        Files.writeString(out, "# Generated by `device-simulator fleet --devices " + devices + "` from " + registry
                + " and " + scenarioFile + "\n" + YamlFiles.write(root));
        spec.commandLine().getOut().printf("wrote %s: %d devices added (%d copies of each of the scenario's devices)%n",
                out, added, devices);
        if (deviceLogins) {
            List<FleetSecrets.Login> all = logins.stream().flatMap(List::stream).toList();
            FleetSecrets.write(secretsOut, all);
            spec.commandLine().getOut().printf("wrote %s: %d device logins (secrets; the registry holds their hashes)%n",
                    secretsOut, all.size());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** With --device-logins: adds the device's own login to its registry entry and keeps the secret. */
    private void giveLogin(ObjectNode device, String enterprise, String deviceId, int copy) {
        if (!deviceLogins) {
            return;
        }
        while (logins.size() < copy) {
            logins.add(new ArrayList<>());
        }
        String username = enterprise + "-" + deviceId;
        String secret = DeviceSecrets.issue();
        device.withArray("credentials").addObject().put("username", username)
                .put("passwordHash", DeviceSecrets.hash(secret));
        logins.get(copy - 1).add(new FleetSecrets.Login(username, secret, enterprise, deviceId));
    }

    private ArrayNode devicesOf(JsonNode root, String enterprise) {
        for (JsonNode e : root.path("enterprises")) {
            if (enterprise.equals(e.path("id").asText()) && e.path("devices").isArray()) {
                return (ArrayNode) e.path("devices");
            }
        }
        throw Checks.bad(spec, "--registry " + registry, "has no enterprise '" + enterprise + "' with devices (the scenario's)");
    }

    private ObjectNode find(ArrayNode registered, String device, String enterprise) {
        for (JsonNode d : registered) {
            if (device.equals(d.path("id").asText()) && d.isObject()) {
                return (ObjectNode) d;
            }
        }
        throw Checks.bad(spec, "--registry " + registry, "enterprise '" + enterprise + "' has no device '" + device
                + "' (the scenario's)");
    }
}
