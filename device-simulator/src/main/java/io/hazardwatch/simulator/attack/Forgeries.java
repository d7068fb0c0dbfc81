package io.hazardwatch.simulator.attack;

import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.simulator.replay.WholeTopic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The forged readings of a run and the check that none reached Kafka: every forged reading carries this run's marker
 * value (plausible for any sensor type, so that only the tenant check can refuse it); afterwards the readings topic
 * is read from where it ended before the attack, and a marker reading under another enterprise than the attacker's
 * is a cross-tenant write the gateway accepted.
 */
final class Forgeries implements AutoCloseable {

    private final double marker;
    private final String ownEnterprise;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> start;

    /** Starts watching {@code topic} (null bootstrap: forged readings are sent but not looked for). */
    Forgeries(String bootstrap, String topic, String ownEnterprise, long nonce) {
        this.marker = 13 + Math.floorMod(nonce, 90_000) / 100_000.0 + 0.000_001;
        this.ownEnterprise = ownEnterprise;
        if (bootstrap == null) {
            consumer = null;
            start = Map.of();
            return;
        }
        consumer = WholeTopic.open(bootstrap, topic, "attack");
        Set<TopicPartition> partitions = consumer.assignment();
        start = consumer.endOffsets(partitions);
        start.forEach(consumer::seek);
    }

    /** A valid-looking reading of {@code sensor} with the marker value. */
    byte[] reading(String sensor) {
        return Json.toBytes(DeviceMessage.reading(sensor, marker, null, Instant.now()));
    }

    /** A batch of readings of these sensors, all with the marker value. */
    byte[] batch(List<String> sensors) {
        return Json.toBytes(DeviceMessage.batch(sensors.stream()
                .map(s -> DeviceMessage.reading(s, marker, null, Instant.now())).toList()));
    }

    boolean watching() {
        return consumer != null;
    }

    /**
     * Reads the topic up to its current end (at most {@code wait}) and counts marker readings under another
     * enterprise than the attacker's; -1 when not watching.
     */
    long crossTenantWrites(Duration wait) {
        if (consumer == null) {
            return -1;
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(start.keySet());
        long deadline = System.nanoTime() + wait.toNanos();
        long found = 0;
        while (System.nanoTime() < deadline && !caughtUp(end)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (isCrossTenantForgery(record.value())) {
                    found++;
                }
            }
        }
        return found;
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private boolean isCrossTenantForgery(byte[] value) {
        try {
            Reading reading = Json.fromBytes(value, Reading.class);
            return reading.value() == marker && !reading.enterprise().equals(ownEnterprise);
        } catch (RuntimeException e) {
            return false; // not a reading: not ours
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
