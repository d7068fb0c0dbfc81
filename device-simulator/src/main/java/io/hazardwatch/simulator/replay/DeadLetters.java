package io.hazardwatch.simulator.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hazardwatch.model.DeadLetter;
import io.hazardwatch.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The gateway's dead-letter topic, read back: the refused messages of a time span, byte for byte with the reason
 * the gateway gave, so that once the cause is fixed (a sensor registered, a unit corrected, a quota raised) they can
 * be sent again. Reads from {@code since} up to the topic's end at the time of the call; commits nothing.
 */
public final class DeadLetters {

    /** One refused message as the gateway kept it. */
    public record Refused(Instant receivedAt, String enterprise, String reason, String detail, String mqttTopic,
                          String clientId, byte[] payload) {

        /**
         * The payload to send again: readings without their own {@code ts} get the time the gateway first received
         * them (sent today without one, they would be stamped with the replay's time); anything not JSON as is.
         */
        public byte[] replayPayload() {
            try {
                JsonNode root = Json.MAPPER.readTree(payload);
                if (root instanceof ObjectNode message) {
                    boolean changed = false;
                    if (message.has("readings") && message.get("readings").isArray()) {
                        for (JsonNode reading : message.get("readings")) {
                            changed |= stamp(reading);
                        }
                    } else {
                        changed = stamp(message);
                    }
                    if (changed) {
                        return Json.MAPPER.writeValueAsBytes(message);
                    }
                }
            } catch (IOException e) {
                // not JSON: sent again as it was, and refused again with its reason
            }
            return payload;
        }

        private boolean stamp(JsonNode reading) {
            if (reading instanceof ObjectNode node && !node.has("ts") && receivedAt != null) {
                node.put("ts", receivedAt.toString());
                return true;
            }
            return false;
        }
    }

    private DeadLetters() {
    }

    /** The refused messages received since {@code since} that {@code filter} keeps, oldest first per partition. */
    public static List<Refused> read(String bootstrap, String topic, Instant since, Predicate<Refused> filter) {
        List<Refused> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = WholeTopic.open(bootstrap, topic, "deadletter")) {
            Set<TopicPartition> partitions = consumer.assignment();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(tp -> times.put(tp, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(times, Duration.ofSeconds(10));
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp at = start.get(tp);
                consumer.seek(tp, at == null ? end.get(tp) : at.offset());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        Refused refused = of(record);
                        if (filter.test(refused)) {
                            out.add(refused);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    static Refused of(ConsumerRecord<byte[], byte[]> record) {
        DeadLetter.Headers h = DeadLetter.Headers.read(name -> {
            Header header = record.headers().lastHeader(name);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }, Instant.ofEpochMilli(record.timestamp()));
        return new Refused(h.receivedAt(), h.enterprise(), h.reason(), h.detail(), h.mqttTopic(), h.clientId(),
                record.value() == null ? new byte[0] : record.value());
    }
}
