package io.hazardwatch.alerts;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Json;
import io.hazardwatch.testsupport.TestEnv;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A test's alarms topic on a real broker: alarm events written as the detection job writes them (key = alarm key). */
final class AlarmTopic implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    AlarmTopic(String bootstrap, String topic) {
        this.topic = topic;
        producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new ByteArraySerializer());
    }

    /** Writes the event and waits for the broker's acknowledgement. */
    void send(AlarmEvent event) throws Exception {
        producer.send(new ProducerRecord<>(topic, event.alarmKey(), Json.toBytes(event))).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
