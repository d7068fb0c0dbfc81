package io.hazardwatch.ingest.config;

import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.Settings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The gateway's configuration, read once at start-up from a properties file and HW_* environment variables.
 *
 * @param mqttHost          interface the MQTT listener binds to ({@code mqtt.host}, default 127.0.0.1)
 * @param mqttPort          MQTT listener port ({@code mqtt.port}, default 1883; 0 = any free port)
 * @param kafkaBootstrap    Kafka bootstrap servers ({@code kafka.bootstrap})
 * @param readingsTopic     topic for accepted readings ({@code topic.readings})
 * @param deadLetterTopic   topic for rejected payloads ({@code topic.deadletter})
 * @param registryFile      the registry ({@code registry.file})
 * @param maxPayloadBytes   larger payloads are rejected ({@code ingest.max-payload-bytes}, default 64 KiB)
 * @param maxBatchSize      most readings in one message ({@code ingest.max-batch-size}, default 500)
 * @param maxFutureSkew     how far ahead of the gateway's clock a reading may be ({@code ingest.max-future-skew-seconds})
 * @param maxAge            how old a reading may be ({@code ingest.max-age-hours}, default 24 h)
 */
public record IngestConfig(
        String mqttHost,
        int mqttPort,
        String kafkaBootstrap,
        String readingsTopic,
        String deadLetterTopic,
        Path registryFile,
        int maxPayloadBytes,
        int maxBatchSize,
        Duration maxFutureSkew,
        Duration maxAge) {

    public static IngestConfig from(Settings settings) {
        return new IngestConfig(
                settings.string("mqtt.host", "127.0.0.1"),
                settings.port("mqtt.port", 1883),
                settings.string("kafka.bootstrap", "127.0.0.1:9092"),
                settings.string("topic.readings", Topics.READINGS),
                settings.string("topic.deadletter", Topics.DEAD_LETTER),
                settings.existingFile("registry.file", "deploy/config/registry.yaml"),
                settings.integer("ingest.max-payload-bytes", 64 * 1024, 256, 16 * 1024 * 1024),
                settings.integer("ingest.max-batch-size", 500, 1, 10_000),
                Duration.ofSeconds(settings.integer("ingest.max-future-skew-seconds", 300, 0, 86_400)),
                Duration.ofHours(settings.integer("ingest.max-age-hours", 24, 1, 24 * 365)));
    }
}
