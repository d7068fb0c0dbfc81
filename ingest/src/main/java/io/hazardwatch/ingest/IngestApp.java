package io.hazardwatch.ingest;

import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.ingest.kafka.KafkaReadingSender;
import io.hazardwatch.ingest.kafka.ReadingSender;
import io.hazardwatch.ingest.mqtt.MqttGateway;
import io.hazardwatch.ingest.validation.PayloadValidator;
import io.hazardwatch.model.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Composition root of the ingest gateway: builds every collaborator with plain {@code new}. */
public final class IngestApp {

    private final MqttGateway gateway;
    private final ReadingSender sender;
    private final int mqttPort;

    private IngestApp(MqttGateway gateway, ReadingSender sender, int mqttPort) {
        this.gateway = gateway;
        this.sender = sender;
        this.mqttPort = mqttPort;
    }

    public static Future<IngestApp> start(Vertx vertx, IngestConfig config) {
        Registry registry = Registry.load(config.registryFile());
        PayloadValidator validator = new PayloadValidator(registry, config.maxPayloadBytes(), config.maxBatchSize(),
                config.maxFutureSkew(), config.maxAge());
        ReadingSender sender = new KafkaReadingSender(vertx, config.kafkaBootstrap(), config.readingsTopic(),
                config.deadLetterTopic());
        MqttGateway gateway = new MqttGateway(vertx, registry, validator, sender, config.maxPayloadBytes());
        return gateway.start(config.mqttHost(), config.mqttPort())
                .map(port -> new IngestApp(gateway, sender, port));
    }

    /** The port the MQTT listener is bound to. */
    public int mqttPort() {
        return mqttPort;
    }

    /** Stops accepting connections, then flushes and closes the Kafka producer. */
    public Future<Void> stop() {
        return gateway.stop().eventually(sender::close);
    }
}
