package io.hazardwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the layout's scripts and balancer files say, read as the shell and HAProxy would: the {@code HW_*} keys a
 * deploy/cluster script sets for its service, a number of cluster-lib.sh, how soon HAProxy takes a server out.
 */
final class ClusterScripts {

    static final Path CLUSTER = Path.of("cluster");
    /** {@code HW_NAME=value} in a script: an assignment, an export, an {@code env} argument. */
    private static final Pattern ASSIGNMENT = Pattern.compile("\\b(HW_[A-Z0-9_]+)=(\"[^\"]*\"|[^\\s)]*)");
    /**
     * Variables a script sets or names that are no service's config key: its own inputs, whether the brokers have
     * logins (HW_KAFKA_AUTH, deploy/lib.sh), bin/hw's JVM options, and the Kafka login file KafkaClientAuth
     * takes from the environment where the config names none.
     */
    private static final List<String> NOT_CONFIG_KEYS = List.of("HW_CLUSTER_", "HW_STATE", "HW_KAFKA_AUTH",
            "HW_JAVA_OPTS", KafkaClientAuth.ENV);

    private ClusterScripts() {
    }

    /**
     * The {@code HW_*} config keys {@code script} sets for its service: name → the value where it is a literal (no
     * shell expansion), else null. Of a name set twice (if / else) the last literal.
     */
    static Map<String, String> configKeysSet(Path script) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(script)) {
            if (line.trim().startsWith("#")) {
                continue;
            }
            Matcher m = ASSIGNMENT.matcher(line);
            while (m.find()) {
                String name = m.group(1);
                String value = m.group(2).replaceAll("^\"|\"$", "");
                if (NOT_CONFIG_KEYS.stream().noneMatch(name::startsWith)) {
                    keys.merge(name, value.contains("$") ? "" : value, (was, now) -> now.isEmpty() ? was : now);
                }
            }
        }
        keys.replaceAll((k, v) -> v == null || v.isEmpty() ? null : v);
        return keys;
    }

    /** A number cluster-lib.sh sets, e.g. CLUSTER_GATEWAYS. */
    static int clusterLibNumber(String name) throws IOException {
        Matcher m = Pattern.compile("(?m)^" + name + "=(\\d+)$").matcher(Files.readString(CLUSTER.resolve("cluster-lib.sh")));
        if (!m.find()) {
            throw new AssertionError("cluster-lib.sh sets no " + name);
        }
        return Integer.parseInt(m.group(1));
    }

    /** How long deploy/lib.sh's stop_bg waits after SIGTERM before it kills: the most a graceful stop may take. */
    static Duration stopBgPatience() throws IOException {
        Matcher m = Pattern.compile("did not stop in (\\d+) s").matcher(Files.readString(Path.of("lib.sh")));
        if (!m.find()) {
            throw new AssertionError("deploy/lib.sh's stop_bg: no 'did not stop in N s'");
        }
        return Duration.ofSeconds(Integer.parseInt(m.group(1)));
    }

    /** A path relative to the checkout (deploy/config/…), as the scripts run from its root; the test runs in deploy/. */
    static Map<String, String> fromCheckoutRoot(Map<String, String> keys) {
        Map<String, String> resolved = new LinkedHashMap<>(keys);
        resolved.replaceAll((k, v) -> (k.endsWith(".file") || k.endsWith("-file")) && v.startsWith("deploy/")
                ? Path.of("..", v).toString() : v);
        return resolved;
    }

    /**
     * How soon HAProxy marks a server of {@code backend} down after its health check starts failing: inter × fall of
     * its server lines, else of a default-server line, else HAProxy's defaults (2 s × 3).
     */
    static Duration markedDownAfter(Path config, String backend) throws IOException {
        // the defaults section's default-server first, then the backend's own lines, which win
        List<String> lines = new ArrayList<>(Files.readAllLines(config).stream().map(String::trim)
                .filter(l -> l.startsWith("default-server ")).toList());
        ManifestFiles.haproxyBackends(config).get(backend).stream()
                .filter(l -> l.startsWith("server ") || l.startsWith("default-server ")).forEach(lines::add);
        long inter = 2000;
        long fall = 3;
        for (String line : lines) {
            Matcher i = Pattern.compile("\\binter (\\d+)(ms|s)?\\b").matcher(line);
            if (i.find()) {
                inter = Long.parseLong(i.group(1)) * ("s".equals(i.group(2)) ? 1000 : 1);
            }
            Matcher f = Pattern.compile("\\bfall (\\d+)\\b").matcher(line);
            if (f.find()) {
                fall = Long.parseLong(f.group(1));
            }
        }
        return Duration.ofMillis(inter * fall);
    }

    /** Whether the container sets {@code variable} to its pod's name (each replica under its own name). */
    static boolean podNamed(JsonNode container, String variable) {
        for (JsonNode env : container.path("env")) {
            if (env.get("name").asText().equals(variable)) {
                return env.at("/valueFrom/fieldRef/fieldPath").asText().equals("metadata.name");
            }
        }
        return false;
    }
}
