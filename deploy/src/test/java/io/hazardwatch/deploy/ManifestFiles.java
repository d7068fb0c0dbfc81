package io.hazardwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the production descriptions as their tools would: deploy/k8s's YAML documents (the files kustomization.yaml
 * lists), deploy/systemd's units and EnvironmentFiles, and the services' HTTP routes from their sources.
 */
final class ManifestFiles {

    static final Path K8S = Path.of("k8s");
    static final Path SYSTEMD = Path.of("systemd");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** A route a Vert.x router serves to GET: {@code router.get("/ready")}. */
    private static final Pattern GET_ROUTE = Pattern.compile("\\.get\\(\"(/[^\"]*)\"\\)");

    private ManifestFiles() {
    }

    /** Every document of the files kustomization.yaml lists. */
    static List<JsonNode> k8sDocuments() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode file : yaml(K8S.resolve("kustomization.yaml")).get(0).get("resources")) {
            documents.addAll(yaml(K8S.resolve(file.asText())));
        }
        return documents;
    }

    static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static JsonNode named(List<JsonNode> documents, String kind, String name) {
        return ofKind(documents, kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    static List<JsonNode> yaml(Path file) throws IOException {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            return docs.readAll().stream().filter(d -> d != null && !d.isNull() && !d.isMissingNode()).toList();
        }
    }

    static Map<String, String> properties(String text) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(text));
        Map<String, String> map = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        return map;
    }

    /** A systemd unit's [Service] (and other) lines as key → values in order; a key may repeat. */
    static Map<String, List<String>> unit(Path file) throws IOException {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("[")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            lines.computeIfAbsent(trimmed.substring(0, eq), k -> new ArrayList<>()).add(trimmed.substring(eq + 1));
        }
        return lines;
    }

    /** An EnvironmentFile's assignments (systemd's syntax as used here: NAME=value, no quoting). */
    static Map<String, String> environmentFile(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int eq = trimmed.indexOf('=');
                env.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        return env;
    }

    /** An Environment= line's assignment(s), quoted as a whole or not. */
    static Map.Entry<String, String> assignment(String environmentLine) {
        String line = environmentLine.startsWith("\"") ? environmentLine.substring(1, environmentLine.length() - 1)
                : environmentLine;
        int eq = line.indexOf('=');
        return Map.entry(line.substring(0, eq), line.substring(eq + 1));
    }

    /** The paths a service answers GET on, from the router calls in its module's main sources. */
    static List<String> getRoutes(String module) throws IOException {
        List<String> routes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
            for (Path source : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = GET_ROUTE.matcher(Files.readString(source));
                while (m.find()) {
                    routes.add(m.group(1));
                }
            }
        }
        return routes;
    }

    static String mountedVolume(JsonNode container, String path) {
        for (JsonNode mount : container.get("volumeMounts")) {
            String mounted = mount.get("mountPath").asText();
            if (path.equals(mounted) || path.startsWith(mounted + "/")) {
                return mount.get("name").asText();
            }
        }
        throw new AssertionError(container.get("name").asText() + " mounts no volume holding " + path);
    }

    static JsonNode volumeSource(JsonNode pod, String name) {
        for (JsonNode volume : pod.get("volumes")) {
            if (volume.get("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    /** transactionalId → TRANSACTIONAL_ID, Write → WRITE: Strimzi's spelling as Kafka's enum constants. */
    static String upperSnake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    /** HAProxy's backends: name → its lines (option, server …), comments left out. */
    static Map<String, List<String>> haproxyBackends(Path config) throws IOException {
        return haproxySections(config, "backend");
    }

    /** The sections of {@code kind} ({@code frontend}, {@code backend}) by name, each as its trimmed lines. */
    static Map<String, List<String>> haproxySections(Path config, String kind) throws IOException {
        Map<String, List<String>> backends = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(config)) {
            String trimmed = line.trim();
            if (line.startsWith(kind + " ")) {
                current = trimmed.substring(kind.length() + 1);
                backends.put(current, new ArrayList<>());
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                current = null;
            } else if (current != null && !trimmed.isEmpty() && !trimmed.startsWith("#")) {
                backends.get(current).add(trimmed);
            }
        }
        return backends;
    }
}
