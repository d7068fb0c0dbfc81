package io.hazardwatch.streamjobs.kafka;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Json;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** {@link AlarmEvent} → alarms-topic record keyed by the alarm key, so one alarm's transitions stay in order. */
public final class AlarmSerializer implements KafkaRecordSerializationSchema<AlarmEvent> {

    private final String topic;

    public AlarmSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(AlarmEvent event, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, event.alarmKey().getBytes(StandardCharsets.UTF_8), Json.toBytes(event));
    }
}
