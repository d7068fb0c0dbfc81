package io.hazardwatch.alerts;

import io.hazardwatch.alerts.board.ActiveAlarmBoard;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.http.AlarmStream;
import io.hazardwatch.alerts.kafka.AlarmEventConsumer;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Composition root of the alert service: builds the object graph with plain {@code new} and deploys it. */
public final class AlertServiceApp {

    private final Vertx vertx;
    private final AlertVerticle verticle;
    private final String deploymentId;

    private AlertServiceApp(Vertx vertx, AlertVerticle verticle, String deploymentId) {
        this.vertx = vertx;
        this.verticle = verticle;
        this.deploymentId = deploymentId;
    }

    /**
     * Starts the service on the alarms topic. Completes once the board is served; the topic is read in the
     * background (see {@code /health}). Fails with a {@link ConfigException} if the registry is unusable.
     */
    public static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config) {
        return start(vertx, config, new AlarmEventConsumer(config.kafkaBootstrap(), config.alarmsTopic()));
    }

    /** Starts the service on another alarm source (tests feed the board without Kafka). */
    public static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config, AlarmSource source) {
        return loadRegistry(vertx, config).compose(registry -> {
            ActiveAlarmBoard board = new ActiveAlarmBoard(registry::gridCellOf);
            AlertVerticle verticle = new AlertVerticle(config, board, new AlarmStream(), source);
            return vertx.deployVerticle(verticle).map(id -> new AlertServiceApp(vertx, verticle, id));
        });
    }

    /** The port the board is actually served on. */
    public int httpPort() {
        return verticle.httpPort();
    }

    public Future<Void> stop() {
        return vertx.undeploy(deploymentId);
    }

    private static Future<Registry> loadRegistry(Vertx vertx, AlertServiceConfig config) {
        return vertx.executeBlocking(() -> {
            try {
                return Registry.load(config.registryFile());
            } catch (RegistryException e) {
                throw new ConfigException(AlertServiceConfig.REGISTRY_FILE + ": " + e.getMessage());
            }
        });
    }
}
