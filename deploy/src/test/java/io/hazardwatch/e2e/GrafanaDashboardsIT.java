package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.deploy.GrafanaDashboards;
import io.hazardwatch.ingest.IngestApp;
import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Grafana dashboards (deploy/grafana) against the real components, since Grafana itself does not install
 * from the allowed registries here: every InfluxQL query (template variables substituted as Grafana does) runs on the
 * real InfluxDB with points written and answers series; every Prometheus metric a panel uses is in a scrape of a
 * running ingest gateway's /metrics; the generated parts (set-point lines, time zone) match their authors.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GrafanaDashboardsIT {

    private static final Path DASHBOARDS = Path.of("grafana", "dashboards");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern METRIC = Pattern.compile("\\bhazardwatch_[a-z_]+");

    private final String database = "grafana_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeEach
    void writePoints() throws Exception {
        influx("/query", "CREATE DATABASE " + database);
        long now = Instant.now().toEpochMilli();
        StringBuilder lines = new StringBuilder();
        for (int minute = 0; minute < 30; minute++) {
            long at = now - minute * 60_000L;
            lines.append("reading,enterprise=ent-a,device=tank-1,sensor=lel-1,sensor_type=COMBUSTIBLE_GAS,unit=%LEL value=")
                    .append(10 + minute % 7).append(' ').append(at).append('\n');
            lines.append("reading,enterprise=ent-a,device=tank-1,sensor=t-1,sensor_type=TEMPERATURE,unit=°C value=")
                    .append(40 + minute % 3).append(' ').append(at).append('\n');
            lines.append("reading,enterprise=ent-b,device=cold-1,sensor=nh3-1,sensor_type=AMMONIA,unit=ppm value=")
                    .append(5 + minute % 4).append(' ').append(at).append('\n');
        }
        HttpResponse<String> written = HTTP.send(TestEnv.influxRequest(URI.create(TestEnv.influxUrl() + "/write?db="
                + database + "&precision=ms")).POST(HttpRequest.BodyPublishers.ofString(lines.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(written.statusCode()).as(written.body()).isEqualTo(204);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        influx("/query", "DROP DATABASE " + database);
    }

    @Test
    void everyInfluxQueryOfTheDashboardsAnswersSeriesOnTheRealInfluxDb() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Path file : GrafanaDashboards.dashboards(DASHBOARDS)) {
            JsonNode board = Json.MAPPER.readTree(file.toFile());
            // the template variables as Grafana fills them: the first enterprise, all its sensors
            String enterprise = null;
            String sensors = null;
            for (JsonNode variable : board.path("templating").path("list")) {
                String query = variable.get("query").asText().replace("$enterprise", enterprise == null ? "" : enterprise);
                List<String> values = values(influx("/query", query));
                assertThat(values).as(file + " variable " + variable.get("name").asText() + ": " + query).isNotEmpty();
                if (variable.get("name").asText().equals("enterprise")) {
                    enterprise = values.get(0);
                } else {
                    sensors = "(" + String.join("|", values) + ")";
                }
            }
            for (JsonNode target : board.findValues("targets").stream().flatMap(t -> toList(t).stream()).toList()) {
                if (!target.path("datasource").path("type").asText().equals("influxdb")) {
                    continue;
                }
                String query = target.get("query").asText().replace("$timeFilter", "time > now() - 6h")
                        .replace("$__interval", "1m").replace("$enterprise", String.valueOf(enterprise))
                        .replace("$sensor", String.valueOf(sensors));
                JsonNode answer = influx("/query", query);
                assertThat(answer.toString()).as(file + ": " + query).doesNotContain("\"error\"");
                assertThat(answer.path("results").path(0).path("series")).as(file + ": " + query + " → " + answer)
                        .isNotEmpty();
                checked.add(query);
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void everyPrometheusMetricOfTheDashboardsIsInTheGatewaysScrape(@TempDir Path dir) throws Exception {
        Set<String> used = new TreeSet<>();
        for (Path file : GrafanaDashboards.dashboards(DASHBOARDS)) {
            for (JsonNode target : Json.MAPPER.readTree(file.toFile()).findValues("targets").stream()
                    .flatMap(t -> toList(t).stream()).toList()) {
                Matcher m = METRIC.matcher(target.path("expr").asText());
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        Vertx vertx = Vertx.vertx();
        try {
            String prefix = "grafana-it-" + UUID.randomUUID();
            IngestApp ingest = IngestApp.start(vertx, IngestConfig.from(Settings.of(Map.of("mqtt.port", "0",
                    "http.port", "0", "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                    "registry.file", TestRegistry.write(dir).toString(),
                    "topic.readings", KafkaTestTopics.create(prefix + ".readings", 1),
                    "topic.deadletter", KafkaTestTopics.create(prefix + ".deadletter", 1),
                    "topic.heartbeats", KafkaTestTopics.create(prefix + ".heartbeats", 1))))).await();
            String scrape = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.httpPort()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Set<String> exported = scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
            ingest.stop().await();

            assertThat(used).as("metrics the dashboards use").hasSizeGreaterThanOrEqualTo(6);
            assertThat(exported).as("the gateway's /metrics").containsAll(used);
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void theGeneratedLinesAndTimeZoneFollowTheRegistryAndTheAlertingPolicy() throws Exception {
        Path policy = Path.of("config", "alerting.yaml");
        var zone = GrafanaDashboards.parkZone(policy);

        assertThat(zone).isEqualTo(AlertingPolicy.load(policy, "alert.policy.file").timezone());
        assertThat(Files.readString(DASHBOARDS.resolve(GrafanaDashboards.SENSORS_FILE)))
                .as("regenerate it: see deploy/grafana/README.md")
                .isEqualTo(GrafanaDashboards.enterpriseSensors(Registry.load(Path.of("config", "registry.yaml")), zone));
        for (Path file : GrafanaDashboards.dashboards(DASHBOARDS)) {
            String text = Files.readString(file);
            assertThat(GrafanaDashboards.inZone(text, zone)).as(file.toString()).isEqualTo(text);
        }
        JsonNode lel = Json.MAPPER.readTree(DASHBOARDS.resolve(GrafanaDashboards.SENSORS_FILE).toFile())
                .findValues("overrides").get(0).get(0);
        assertThat(lel.path("properties").findValues("steps")).isNotEmpty();
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    /** The values of a SHOW TAG VALUES answer. */
    private static List<String> values(JsonNode answer) {
        List<String> values = new ArrayList<>();
        answer.path("results").path(0).path("series").forEach(s -> s.path("values").forEach(v -> values.add(v.get(1).asText())));
        return values;
    }

    private JsonNode influx(String path, String query) throws Exception {
        HttpResponse<String> response = HTTP.send(TestEnv.influxRequest(URI.create(TestEnv.influxUrl() + path + "?db="
                + database + "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body());
    }
}
