package io.hazardwatch.alerts;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.ha.ActiveStandby;
import io.hazardwatch.alerts.ha.HaConfig;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the alert service: {@code Main [alert-service.properties]}; HW_* environment variables override the file. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 15;

    private Main() {
    }

    public static void main(String[] args) {
        AlertServiceConfig config;
        HaConfig ha;
        try {
            Settings settings = Settings.load(args.length > 0 ? Path.of(args[0]) : null);
            config = AlertServiceConfig.from(settings);
            ha = HaConfig.from(settings, config.incidentStateTopic(), config.httpHost(), config.httpPort());
        } catch (ConfigException e) {
            System.err.println("config error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (ha.enabled()) {
            startActiveStandby(config, ha);
            return;
        }
        Vertx vertx = Vertx.vertx();
        AlertServiceApp app;
        try {
            app = AlertServiceApp.start(vertx, config).toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            vertx.close();
            if (e.getCause() instanceof ConfigException bad) {
                System.err.println("config error: " + bad.getMessage());
                System.exit(2);
            }
            LOG.error("alert service could not start: {}", e.getCause().toString());
            System.exit(1);
            return;
        } catch (InterruptedException | TimeoutException e) {
            LOG.error("alert service did not start within {} s", START_TIMEOUT_SECONDS);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(app, vertx), "alert-service-shutdown"));
        LOG.info("alert service ready: live alarm board at http://{}:{}/ (alarms from {} on {})",
                config.httpHost(), app.httpPort(), config.alarmsTopic(), config.kafkaBootstrap());
    }

    /** Issue 18: one of an active + standby pair; it starts as standby and becomes active when the group says so. */
    private static void startActiveStandby(AlertServiceConfig config, HaConfig ha) {
        ActiveStandby instance;
        try {
            instance = ActiveStandby.start(config, ha);
        } catch (Exception e) {
            LOG.error("alert service could not start as standby: {}", e.toString());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                instance.stop();
                LOG.info("alert service stopped");
            } catch (Exception e) {
                LOG.warn("alert service did not stop cleanly: {}", e.toString());
            }
        }, "alert-service-shutdown"));
    }

    private static void stop(AlertServiceApp app, Vertx vertx) {
        try {
            // One step after the other: a future chained onto vertx.close() could never complete, since
            // its event loop is gone by then.
            app.stop().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("alert service stopped");
        } catch (Exception e) {
            LOG.warn("alert service did not stop cleanly: {}", e.toString());
        }
    }
}
