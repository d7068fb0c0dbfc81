package io.hazardwatch.ingest.support;

import io.hazardwatch.testsupport.TestEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/cluster/gateways.sh} driven from a test: the real gateways and HAProxy as separate processes, with
 * a state directory of the test's own, the shared test Kafka and the topics and registry the test gives. The gateways
 * log in to Kafka as the test run's principal (a copy of its client file as the {@code ingest} login: fresh topics
 * carry no ACL for the real {@code ingest} principal). {@link #close()} stops everything it started, also from a
 * JVM shutdown hook.
 */
public final class GatewaysScript implements AutoCloseable {

    /** cluster-lib.sh's ports (the test checks them against the script's, not a second author of them). */
    public static final int MQTT_PORT = 21883;
    public static final int STATS_PORT = 28380;

    private final Path root;
    private final Map<String, String> env = new HashMap<>();
    private final Thread hook = new Thread(this::down, "gateways-down");

    public GatewaysScript(Path state, Path registry, Map<String, String> topics) {
        this.root = Path.of("").toAbsolutePath().getParent();
        if (!Files.isExecutable(root.resolve("deploy/cluster/gateways.sh"))) {
            throw new IllegalStateException("no deploy/cluster/gateways.sh under " + root);
        }
        try {
            Path secrets = Files.createDirectories(state.resolve("secrets"));
            String clientFile = System.getenv("HW_KAFKA_CLIENT_PROPERTIES");
            if (clientFile == null || clientFile.isBlank()) {
                env.put("HW_KAFKA_AUTH", "off");
            } else {
                Files.copy(Path.of(clientFile), secrets.resolve("kafka-ingest.properties"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            env.put("HW_CLUSTER_KAFKA_SECRETS", secrets.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("HW_CLUSTER_STATE", state.resolve("run").toString());
        env.put("HW_CLUSTER_KAFKA_BOOTSTRAP", TestEnv.kafkaBootstrap());
        env.put("HW_CLUSTER_REGISTRY", registry.toString());
        env.put("HW_KAFKA_CLIENT_PROPERTIES", "");
        topics.forEach(env::put);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Runs {@code gateways.sh ARGS...}; fails with its output unless it exits 0 within {@code seconds}. */
    public String run(int seconds, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("deploy/cluster/gateways.sh").toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return new String(process.getInputStream().readAllBytes());
                        } catch (IOException e) {
                            return e.toString();
                        }
                    });
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("gateways.sh " + String.join(" ", args) + " did not finish in " + seconds + " s");
            }
            String out = output.get(5, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                throw new AssertionError("gateways.sh " + String.join(" ", args) + " failed:\n" + out);
            }
            return out;
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Per gateway of the MQTT backend (gw-1, ...): its state (UP, DOWN, ...) and current connections, from HAProxy. */
    public Map<String, Server> servers() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + STATS_PORT + "/;csv")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Server> servers = new java.util.TreeMap<>();
            for (String line : response.body().split("\n")) {
                String[] f = line.split(",", -1);
                if (f.length > 17 && f[0].equals("gateways_mqtt") && f[1].startsWith("gw-")) {
                    servers.put(f[1], new Server(f[17], Integer.parseInt(f[4])));
                }
            }
            return servers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A gateway as HAProxy sees it: its check state and the connections it holds through the balancer. */
    public record Server(String state, int connections) {
    }

    public String log(String name) {
        try {
            return Files.readString(Path.of(env.get("HW_CLUSTER_STATE")).resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void down() {
        try {
            run(60, "down");
        } catch (RuntimeException | AssertionError e) {
            System.err.println("gateways.sh down: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        down();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }
}
