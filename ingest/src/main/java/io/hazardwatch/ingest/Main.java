package io.hazardwatch.ingest;

import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.model.registry.RegistryException;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the ingest gateway: {@code Main [config.properties]}; HW_* environment variables override the file. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        IngestConfig config;
        try {
            config = IngestConfig.from(Settings.load(args.length > 0 ? Path.of(args[0]) : null));
        } catch (ConfigException | RegistryException e) {
            System.err.println("config error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        CountDownLatch started = new CountDownLatch(1);
        IngestApp[] app = new IngestApp[1];
        io.vertx.core.Future<IngestApp> starting;
        try {
            starting = IngestApp.start(vertx, config);
        } catch (ConfigException | RegistryException e) {
            System.err.println("config error: " + e.getMessage());
            System.exit(2);
            return;
        }
        starting
                .onSuccess(a -> {
                    app[0] = a;
                    LOG.info("ingest gateway ready: MQTT on {}:{}{}, HTTP on {}, readings to Kafka {} topic {}",
                            config.mqttHost(), a.mqttPort(), a.tlsPort() > 0 ? ", MQTT/TLS on " + a.tlsPort() : "",
                            a.httpPort() > 0 ? config.httpHost() + ":" + a.httpPort() : "none",
                            config.kafkaBootstrap(), config.readingsTopic());
                    started.countDown();
                })
                .onFailure(e -> {
                    if (e instanceof ConfigException || e instanceof RegistryException) {
                        System.err.println("config error: " + e.getMessage());
                        System.exit(2);
                    }
                    System.err.println("ingest gateway failed to start: " + e.getMessage());
                    System.exit(1);
                });
        started.await();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("ingest gateway stopping");
            CountDownLatch stopped = new CountDownLatch(1);
            app[0].stop().onComplete(ar -> vertx.close().onComplete(v -> stopped.countDown()));
            try {
                stopped.await(config.instance().drainWait().toSeconds() + config.drainTimeout().toSeconds() + 20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }
}
