package io.hazardwatch.alerts.kafka;

import io.hazardwatch.alerts.duty.IncidentAudit;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The incident-event topic read for a period by a bounded consumer of its own (no group, nothing committed, only
 * committed transactions): each partition from the offset of the period's start (by record time, with a minute's
 * slack for the service's clock) to its end offset as of the request, at most {@code max} events and
 * {@value #WITHIN_SECONDS} s, off the event loop.
 */
public final class KafkaIncidentAudit implements IncidentAudit {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaIncidentAudit.class);
    static final long WITHIN_SECONDS = 10;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SLACK = Duration.ofMinutes(1);

    private final Vertx vertx;
    private final String bootstrap;
    private final KafkaClientAuth auth;
    private final String topic;

    public KafkaIncidentAudit(Vertx vertx, String bootstrap, String topic, KafkaClientAuth auth) {
        this.auth = auth;
        this.vertx = vertx;
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    @Override
    public Future<List<IncidentEvent>> read(Instant from, Instant to, int max) {
        return vertx.executeBlocking(() -> readBlocking(from, to, max), false);
    }

    private List<IncidentEvent> readBlocking(Instant from, Instant to, int max) throws IOException {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        auth.addTo(config);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long deadline = System.nanoTime() + Duration.ofSeconds(WITHIN_SECONDS).toNanos();
        List<IncidentEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(WITHIN_SECONDS));
            if (infos == null || infos.isEmpty()) {
                throw new IOException("incident event topic " + topic + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(WITHIN_SECONDS));
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, from.minus(SLACK).toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, Duration.ofSeconds(WITHIN_SECONDS));
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp start = starts.get(p);
                consumer.seek(p, start == null ? ends.get(p) : start.offset());
            }
            while (events.size() < max && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("incident event topic {}: {} events read for the duty log within {} s, not all",
                            topic, events.size(), WITHIN_SECONDS);
                    break;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.value() == null || record.offset() >= ends.get(new TopicPartition(record.topic(),
                            record.partition()))) {
                        continue;
                    }
                    IncidentEvent event = Json.MAPPER.readValue(record.value(), IncidentEvent.class);
                    if (!event.at().isBefore(from) && (to == null || event.at().isBefore(to)) && events.size() < max) {
                        events.add(event);
                    }
                }
            }
        }
        events.sort(java.util.Comparator.comparing(IncidentEvent::at));
        return events;
    }
}
