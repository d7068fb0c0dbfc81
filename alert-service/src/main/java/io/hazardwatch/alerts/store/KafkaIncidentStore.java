package io.hazardwatch.alerts.store;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.suppress.Silence;
import io.hazardwatch.model.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incidents in Kafka: a compacted state topic holds the newest JSON of every incident ({@code incident/<id>}),
 * silence ({@code silence/<id>}) and the alarms-topic offsets ({@code offsets/<topic>}); an event-log topic
 * holds every audited {@link IncidentEvent} (kept 30 days, for audit and other consumers). Each batch is one
 * Kafka transaction, so state, events and offsets are committed together; readers use read_committed.
 * The transactional id is derived from the state topic: a restarted instance fences off an old one.
 *
 * <p>All Kafka calls run on one worker thread, in order.
 */
public final class KafkaIncidentStore implements IncidentStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIncidentStore.class);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);
    static final String INCIDENT = "incident/";
    static final String SILENCE = "silence/";
    static final String OFFSETS = "offsets/";

    private final String bootstrap;
    private final String stateTopic;
    private final String eventTopic;
    private final String alarmsTopic;
    private final Vertx vertx;
    private final WorkerExecutor worker;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile boolean closed;

    public KafkaIncidentStore(Vertx vertx, String bootstrap, String stateTopic, String eventTopic, String alarmsTopic) {
        this.bootstrap = bootstrap;
        this.stateTopic = stateTopic;
        this.eventTopic = eventTopic;
        this.alarmsTopic = alarmsTopic;
        this.vertx = vertx;
        this.worker = vertx.createSharedWorkerExecutor("incident-store-" + stateTopic, 1);
    }

    @Override
    public Future<Snapshot> load() {
        return worker.executeBlocking(() -> {
            openProducer();
            return readState();
        }, true);
    }

    @Override
    public Future<Void> save(Batch batch) {
        return worker.executeBlocking(() -> {
            if (producer == null) {
                openProducer();
            }
            try {
                producer.beginTransaction();
                for (Incident incident : batch.incidents()) {
                    producer.send(new ProducerRecord<>(stateTopic, INCIDENT + incident.id(), Json.toBytes(incident)));
                }
                for (Silence silence : batch.silences()) {
                    producer.send(new ProducerRecord<>(stateTopic, SILENCE + silence.id(), Json.toBytes(silence)));
                }
                // retention: a tombstone deletes the key from the compacted topic (after delete.retention.ms)
                for (String id : batch.removedIncidents()) {
                    producer.send(new ProducerRecord<>(stateTopic, INCIDENT + id, null));
                }
                for (String id : batch.removedSilences()) {
                    producer.send(new ProducerRecord<>(stateTopic, SILENCE + id, null));
                }
                if (!batch.alarmOffsets().isEmpty()) {
                    producer.send(new ProducerRecord<>(stateTopic, OFFSETS + alarmsTopic,
                            Json.toBytes(new TreeOffsets(batch.alarmOffsets()))));
                }
                for (IncidentEvent event : batch.events()) {
                    producer.send(new ProducerRecord<>(eventTopic, event.incidentId(), Json.toBytes(event)));
                }
                producer.commitTransaction();
                return null;
            } catch (ProducerFencedException e) {
                closeProducer();
                throw new IllegalStateException("another alert service instance took over the incident store", e);
            } catch (KafkaException e) {
                // abort if the producer still can; otherwise start over with a fresh one on the next save
                try {
                    producer.abortTransaction();
                } catch (KafkaException abortFailed) {
                    closeProducer();
                }
                throw e;
            }
        }, true);
    }

    @Override
    public Future<Void> close() {
        // not on the store's own thread: that may be blocked waiting for an unreachable broker
        closed = true;
        return vertx.<Void>executeBlocking(() -> {
            closeProducer();
            return null;
        }, false).eventually(worker::close);
    }

    /** The offsets record: partition -> next offset, sorted for readable JSON. */
    record TreeOffsets(Map<Integer, Long> next) {
    }

    private void openProducer() {
        closeProducer();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hazardwatch-alert-service." + stateTopic);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        if (closed) {
            throw new IllegalStateException("incident store is closed");
        }
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            closeProducer();
            throw e;
        }
    }

    private void closeProducer() {
        KafkaProducer<String, byte[]> open = producer;
        if (open != null) {
            try {
                open.close(closed ? Duration.ZERO : Duration.ofSeconds(5));
            } catch (KafkaException e) {
                if (closed) {
                    // stopping (perhaps while still loading): a forced close that gets interrupted is expected
                    LOG.debug("incident store producer closed while stopping: {}", e.toString());
                } else {
                    LOG.warn("incident store producer did not close cleanly: {}", e.toString());
                }
            }
            producer = null;
        }
    }

    private Snapshot readState() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Incident> incidents = new LinkedHashMap<>();
        Map<String, Silence> silences = new LinkedHashMap<>();
        Map<Integer, Long> offsets = new HashMap<>();
        long records = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(stateTopic, BROKER_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("incident state topic " + stateTopic + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, BROKER_TIMEOUT);
            while (!reached(consumer, end)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    String key = record.key();
                    if (key == null) {
                        continue;
                    }
                    if (record.value() == null) { // tombstone: removed after its retention
                        incidents.remove(key.startsWith(INCIDENT) ? key.substring(INCIDENT.length()) : null);
                        silences.remove(key.startsWith(SILENCE) ? key.substring(SILENCE.length()) : null);
                        continue;
                    }
                    if (key.startsWith(INCIDENT)) {
                        incidents.put(key.substring(INCIDENT.length()), Json.fromBytes(record.value(), Incident.class));
                    } else if (key.startsWith(SILENCE)) {
                        silences.put(key.substring(SILENCE.length()), Json.fromBytes(record.value(), Silence.class));
                    } else if (key.equals(OFFSETS + alarmsTopic)) {
                        offsets = new HashMap<>(Json.fromBytes(record.value(), TreeOffsets.class).next());
                    }
                }
            }
        }
        LOG.info("incident store loaded from {}: {} incidents, {} silences from {} records; alarms resume at {}",
                stateTopic, incidents.size(), silences.size(), records, offsets);
        return new Snapshot(List.copyOf(incidents.values()), List.copyOf(silences.values()), offsets);
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), BROKER_TIMEOUT) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
