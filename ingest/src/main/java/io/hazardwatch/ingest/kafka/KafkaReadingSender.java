package io.hazardwatch.ingest.kafka;

import io.hazardwatch.model.DeadLetter;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** {@link ReadingSender} on a Kafka producer with acks=all and idempotence: no duplicate, no loss on retry. */
public final class KafkaReadingSender implements ReadingSender {

    private final Vertx vertx;
    private final KafkaProducer<String, byte[]> producer;
    private final String readingsTopic;
    private final String deadLetterTopic;

    public KafkaReadingSender(Vertx vertx, String bootstrap, String readingsTopic, String deadLetterTopic) {
        this.vertx = vertx;
        this.readingsTopic = readingsTopic;
        this.deadLetterTopic = deadLetterTopic;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A client waiting for its PUBACK should hear within a bounded time that Kafka could not take it.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "hazardwatch-ingest");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public Future<Void> send(List<Reading> readings) {
        List<Future<Void>> writes = new ArrayList<>(readings.size());
        for (Reading reading : readings) {
            writes.add(write(new ProducerRecord<>(readingsTopic, reading.sensorKey().toString(), Json.toBytes(reading))));
        }
        return Future.all(writes).mapEmpty();
    }

    @Override
    public Future<Void> deadLetter(RejectedMessage message) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(deadLetterTopic, message.clientId(), message.payload());
        header(record, DeadLetter.REASON, message.rejection().reason().name());
        header(record, DeadLetter.DETAIL, message.rejection().detail());
        header(record, DeadLetter.MQTT_TOPIC, message.mqttTopic());
        header(record, DeadLetter.CLIENT_ID, message.clientId());
        header(record, DeadLetter.ENTERPRISE, message.enterprise());
        header(record, DeadLetter.RECEIVED_AT, message.receivedAt().toString());
        return write(record);
    }

    @Override
    public Future<Void> close() {
        return vertx.executeBlocking(() -> {
            producer.close(Duration.ofSeconds(10));
            return null;
        });
    }

    private Future<Void> write(ProducerRecord<String, byte[]> record) {
        Context context = vertx.getOrCreateContext();
        Promise<Void> promise = Promise.promise();
        try {
            producer.send(record, (metadata, error) -> context.runOnContext(v -> {
                if (error == null) {
                    promise.complete();
                } else {
                    promise.fail(error);
                }
            }));
        } catch (RuntimeException e) {
            // send() itself throws when metadata cannot be fetched within max.block.ms or the record is invalid
            promise.fail(e);
        }
        return promise.future();
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
