package io.hazardwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.hazardwatch.model.Thresholds;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.SensorSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the Grafana dashboards' generated parts (issue 21, ops) so that they follow their authors: the per-enterprise
 * sensors dashboard with each registered sensor's set points drawn as lines (the registry's thresholds), and every
 * dashboard's time zone (the alerting policy's {@code timezone}).
 *
 * <pre>java … io.hazardwatch.deploy.GrafanaDashboards deploy/config/registry.yaml deploy/config/alerting.yaml deploy/grafana/dashboards</pre>
 */
public final class GrafanaDashboards {

    public static final String SENSORS_FILE = "enterprise-sensors.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GrafanaDashboards() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: GrafanaDashboards <registry.yaml> <alerting.yaml> <dashboards dir>");
            System.exit(2);
        }
        Registry registry = Registry.load(Path.of(args[0]));
        ZoneId zone = parkZone(Path.of(args[1]));
        Path dir = Path.of(args[2]);
        Files.writeString(dir.resolve(SENSORS_FILE), enterpriseSensors(registry, zone), StandardCharsets.UTF_8);
        for (Path file : dashboards(dir)) {
            Files.writeString(file, inZone(Files.readString(file, StandardCharsets.UTF_8), zone), StandardCharsets.UTF_8);
        }
    }

    /**
     * The alerting policy's {@code timezone} (its one author; the alert service's AlertingPolicy reads the same key with
     * the same default, which GrafanaDashboardsIT checks).
     */
    public static ZoneId parkZone(Path policy) throws IOException {
        JsonNode zone = new YAMLMapper().readTree(policy.toFile()).get("timezone");
        return ZoneId.of(zone == null || zone.isNull() ? "Asia/Shanghai" : zone.asText());
    }

    /** The dashboard files of {@code dir}, by name. */
    public static List<Path> dashboards(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** {@code dashboard} with its time zone set to the park's. */
    public static String inZone(String dashboard, ZoneId zone) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(dashboard);
        node.put("timezone", zone.getId());
        return JSON.writeValueAsString(node) + "\n";
    }

    /**
     * Per-enterprise sensors: the raw readings ({@code reading}) of the chosen enterprise's chosen sensors, one series
     * per sensor named {@code enterprise/sensor}, each drawn with its registered set points as threshold lines.
     */
    public static String enterpriseSensors(Registry registry, ZoneId zone) throws IOException {
        ObjectNode board = JSON.createObjectNode();
        board.put("uid", "hw-enterprise-sensors").put("title", "HazardWatch · 企业传感器 Enterprise sensors")
                .put("description", "Each sensor's readings with its set points (first and second level, from the registry)")
                .put("timezone", zone.getId()).put("schemaVersion", 39).put("version", 1).put("editable", false)
                .put("refresh", "30s");
        board.putArray("tags").add("hazardwatch");
        board.putObject("time").put("from", "now-6h").put("to", "now");
        ArrayNode variables = board.putObject("templating").putArray("list");
        variables.add(variable("enterprise", "企业 Enterprise", "SHOW TAG VALUES FROM \"reading\" WITH KEY = \"enterprise\""));
        variables.add(variable("sensor", "传感器 Sensor",
                "SHOW TAG VALUES FROM \"reading\" WITH KEY = \"sensor\" WHERE \"enterprise\" =~ /^$enterprise$/"));
        ObjectNode panel = board.putArray("panels").addObject();
        panel.put("id", 1).put("type", "timeseries").put("title", "$enterprise · 读数与报警线 Readings and set points")
                .put("repeat", "sensor").put("repeatDirection", "h");
        panel.putObject("gridPos").put("x", 0).put("y", 0).put("w", 12).put("h", 9);
        panel.set("datasource", datasource());
        ObjectNode target = panel.putArray("targets").addObject();
        target.put("refId", "A").put("rawQuery", true).put("resultFormat", "time_series")
                .put("alias", "$tag_enterprise/$tag_sensor")
                .put("query", "SELECT mean(\"value\") FROM \"reading\" WHERE \"enterprise\" =~ /^$enterprise$/ AND "
                        + "\"sensor\" =~ /^$sensor$/ AND $timeFilter GROUP BY time($__interval), \"enterprise\", "
                        + "\"sensor\" fill(none)");
        target.set("datasource", datasource());
        ObjectNode fieldConfig = panel.putObject("fieldConfig");
        fieldConfig.putObject("defaults").putObject("custom").putObject("thresholdsStyle").put("mode", "line+area");
        ArrayNode overrides = fieldConfig.putArray("overrides");
        registry.sensors().stream().sorted(Comparator.comparing(s -> s.key().toString()))
                .forEach(sensor -> overrides.add(lines(sensor)));
        return JSON.writeValueAsString(board) + "\n";
    }

    /** The sensor's series drawn with its set points: red below the second low, amber to the first low, … */
    private static ObjectNode lines(SensorSpec sensor) {
        Thresholds t = sensor.thresholds();
        ObjectNode override = JSON.createObjectNode();
        override.putObject("matcher").put("id", "byName")
                .put("options", sensor.key().enterprise() + "/" + sensor.key().sensor());
        ArrayNode properties = override.putArray("properties");
        properties.addObject().put("id", "unit").put("value", sensor.unit());
        ObjectNode thresholds = properties.addObject().put("id", "thresholds").putObject("value").put("mode", "absolute");
        ArrayNode steps = thresholds.putArray("steps");
        steps.addObject().putNull("value").put("color", t.secondLow() != null ? "red" : t.firstLow() != null ? "orange" : "green");
        step(steps, t.secondLow(), t.firstLow() != null ? "orange" : "green");
        step(steps, t.firstLow(), "green");
        step(steps, t.firstHigh(), "orange");
        step(steps, t.secondHigh(), "red");
        return override;
    }

    private static void step(ArrayNode steps, Double value, String colour) {
        if (value != null) {
            steps.addObject().put("value", value).put("color", colour);
        }
    }

    private static ObjectNode variable(String name, String label, String query) {
        ObjectNode v = JSON.createObjectNode();
        v.put("name", name).put("label", label).put("type", "query").put("query", query).put("refresh", 1)
                .put("includeAll", name.equals("sensor")).put("multi", name.equals("sensor"));
        v.set("datasource", datasource());
        return v;
    }

    private static JsonNode datasource() {
        return JSON.createObjectNode().put("type", "influxdb").put("uid", "hw-influx");
    }
}
