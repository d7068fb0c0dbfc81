package io.hazardwatch.simulator.replay;

import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.Topics;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Captures the Kafka readings topic from now on (no consumer group: it commits nothing and disturbs no one).
 * Each {@link Reading} becomes what its device would have published: one reading on its MQTT topic, stamped
 * with its event time; the message's time is when the gateway accepted it, so a replay keeps the stream's pace.
 */
public final class KafkaRecorder {

    private KafkaRecorder() {
    }

    public static void record(String bootstrap, String topic, Consumer<RecordedMessage> sink, BooleanSupplier stop) {
        try (KafkaConsumer<byte[], byte[]> consumer = WholeTopic.open(bootstrap, topic, "record")) {
            Set<TopicPartition> partitions = consumer.assignment();
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (!stop.getAsBoolean()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    sink.accept(toMessage(Json.fromBytes(record.value(), Reading.class)));
                }
            }
        }
    }

    static RecordedMessage toMessage(Reading r) {
        return new RecordedMessage(r.ingestTime() != null ? r.ingestTime() : r.eventTime(),
                Topics.mqttReadings(r.enterprise(), r.device()),
                Json.toBytes(DeviceMessage.reading(r.sensor(), r.value(), r.unit(), r.eventTime())));
    }
}
