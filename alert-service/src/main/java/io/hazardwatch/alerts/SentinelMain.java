package io.hazardwatch.alerts;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.sentinel.Sentinel;
import io.hazardwatch.alerts.sentinel.SentinelConfig;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the sentinel ({@code bin/hw sentinel [alert-service.properties]}): the alert service's own config file, so
 * the on-call rotas, the notifiers and the watchdog's grid cell are the service's, read the same way; the
 * {@code sentinel.*} keys say what to watch ({@link SentinelConfig}).
 */
public final class SentinelMain {

    private static final Logger LOG = LoggerFactory.getLogger(SentinelMain.class);

    private SentinelMain() {
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        Sentinel sentinel;
        try {
            Settings settings = Settings.load(args.length > 0 ? Path.of(args[0]) : null);
            AlertServiceConfig config = AlertServiceConfig.from(settings);
            SentinelConfig watch = SentinelConfig.from(settings, config);
            AlertingPolicy policy = AlertingPolicy.load(config.policyFile(), AlertServiceConfig.POLICY_FILE);
            Clock clock = Clock.systemUTC();
            AlertServiceApp.Outgoing outgoing = AlertServiceApp.outgoing(vertx, config, clock);
            outgoing.describe(config);
            sentinel = new Sentinel(vertx, watch, policy, config.watchdog().gridCell(), outgoing.notifiers(), clock);
        } catch (ConfigException e) {
            System.err.println("config error: " + e.getMessage());
            vertx.close();
            System.exit(2);
            return;
        }
        sentinel.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sentinel.stop();
            vertx.close().toCompletionStage().toCompletableFuture().join();
            LOG.info("sentinel stopped");
        }, "sentinel-shutdown"));
    }
}
