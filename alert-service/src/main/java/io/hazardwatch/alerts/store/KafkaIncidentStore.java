package io.hazardwatch.alerts.store;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.ApplicationRecoverableException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incidents in Kafka: a compacted state topic holds the newest JSON of every incident ({@code incident/<id>}),
 * kept record ({@code <kind>/<id>}, see {@link Kept}: a silence, a hidden danger, ...) and the alarms-topic offsets ({@code offsets/<topic>}); an event-log topic
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
    static final String OFFSETS = "offsets/";

    private final String bootstrap;
    private final KafkaClientAuth auth;
    private final String stateTopic;
    private final String eventTopic;
    private final String alarmsTopic;
    private final Vertx vertx;
    private final WorkerExecutor worker;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile boolean closed;

    public KafkaIncidentStore(Vertx vertx, String bootstrap, String stateTopic, String eventTopic, String alarmsTopic,
                              KafkaClientAuth auth) {
        this.bootstrap = bootstrap;
        this.auth = auth;
        this.stateTopic = stateTopic;
        this.eventTopic = eventTopic;
        this.alarmsTopic = alarmsTopic;
        this.vertx = vertx;
        this.worker = vertx.createSharedWorkerExecutor("incident-store-" + stateTopic, 1);
    }

    @Override
    public Future<Snapshot> load() {
        return worker.executeBlocking(this::loadBlocking, true);
    }

    /**
     * Reads the state while the producer opens (issue 18: a takeover's two slowest steps side by side), then once more
     * up to the end after it opened: its initTransactions fences a former instance and ends that one's open
     * transaction, so only then is the end final — whatever the former instance committed meanwhile is read too.
     */
    private Snapshot loadBlocking() throws Exception {
        long began = System.nanoTime();
        java.util.concurrent.CompletableFuture<Long> opened = new java.util.concurrent.CompletableFuture<>();
        Thread opening = new Thread(() -> {
            try {
                openProducer();
                opened.complete(System.nanoTime() - began);
            } catch (Throwable e) {
                opened.completeExceptionally(e);
            }
        }, "incident-store-open-" + stateTopic);
        opening.setDaemon(true);
        opening.start();
        State state = new State();
        try (KafkaConsumer<String, byte[]> consumer = stateConsumer()) {
            List<TopicPartition> partitions;
            try {
                partitions = statePartitions(consumer);
                state.readTo(consumer, consumer.endOffsets(partitions, BROKER_TIMEOUT));
            } finally {
                opening.join(); // never leave a producer opening behind a failed read
            }
            long openedIn;
            try {
                openedIn = opened.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            state.readTo(consumer, consumer.endOffsets(partitions, BROKER_TIMEOUT));
            LOG.info("incident store loaded from {}: {} incidents, {} kept records ({}) from {} records; alarms resume"
                            + " at {} (in {} ms; its producer opened beside the read in {} ms)", stateTopic,
                    state.incidents.size(), state.kept.size(), countsByKind(state.kept.values()), state.records,
                    state.offsets, (System.nanoTime() - began) / 1_000_000, openedIn / 1_000_000);
        }
        return state.snapshot();
    }

    @Override
    public Future<Void> save(Batch batch) {
        return worker.executeBlocking(() -> {
            write(batch);
            return null;
        }, true);
    }

    /**
     * One transaction. Fails with {@link ChangeRefusedException} naming the changes that can never be written (a
     * record too large, a value that cannot be serialised), {@link StoreFencedException} once another instance
     * took over, else {@link StoreUnavailableException}. After any failure the producer is usable again: an
     * abortable error aborts the transaction; anything else (or a failed abort) closes it, and the next write
     * opens a new one with the same transactional id, whose initTransactions fences the old one and aborts its
     * open transaction (the Kafka client's documented recovery).
     */
    private void write(Batch batch) {
        List<Outgoing> records = encode(batch);
        try {
            if (producer == null) {
                openProducer();
            }
        } catch (KafkaException e) {
            throw classify(e, "cannot open the incident store's producer");
        }
        List<Sent> sent = new ArrayList<>();
        try {
            producer.beginTransaction();
            for (Outgoing record : records) {
                sent.add(new Sent(record, producer.send(record.record())));
            }
            producer.flush();
            ChangeRefusedException refused = refusedRecords(sent);
            if (refused != null) {
                abortOrClose(refused);
                throw refused;
            }
            producer.commitTransaction();
        } catch (KafkaException e) {
            ChangeRefusedException refused = refusedRecords(sent);
            abortOrClose(e);
            if (refused != null) {
                throw refused;
            }
            throw classify(e, "incident store write failed");
        } catch (ChangeRefusedException e) {
            throw e;
        } catch (RuntimeException e) {
            // not Kafka's: whatever it is, the open transaction must not be left behind for the next write
            abortOrClose(e);
            throw e;
        }
    }

    /** Every record of the batch, each checked against the record bound; refuses the changes that fail it. */
    private List<Outgoing> encode(Batch batch) {
        List<Outgoing> records = new ArrayList<>();
        Map<String, String> refusedIncidents = new LinkedHashMap<>();
        Map<String, String> refusedKept = new LinkedHashMap<>();
        for (Incident incident : batch.incidents()) {
            String key = INCIDENT + incident.id();
            try {
                records.add(new Outgoing(incident.id(), null, new ProducerRecord<>(stateTopic, key,
                        StateRecords.incident(key, incident))));
            } catch (IllegalArgumentException e) {
                refusedIncidents.put(incident.id(), "its state " + e.getMessage());
            }
        }
        for (Kept kept : batch.kept()) {
            String key = kept.key();
            try {
                records.add(new Outgoing(null, key, new ProducerRecord<>(stateTopic, key,
                        StateRecords.value(key, kept.value()))));
            } catch (IllegalArgumentException e) {
                refusedKept.put(key, "its state " + e.getMessage());
            }
        }
        // retention: a tombstone deletes the key from the compacted topic (after delete.retention.ms)
        for (String id : batch.removedIncidents()) {
            records.add(new Outgoing(null, null, new ProducerRecord<>(stateTopic, INCIDENT + id, null)));
        }
        for (String key : batch.removedKept()) {
            records.add(new Outgoing(null, null, new ProducerRecord<>(stateTopic, key, null)));
        }
        if (!batch.alarmOffsets().isEmpty()) {
            String key = OFFSETS + alarmsTopic;
            records.add(new Outgoing(null, null, new ProducerRecord<>(stateTopic, key,
                    StateRecords.value(key, new TreeOffsets(batch.alarmOffsets())))));
        }
        for (IncidentEvent event : batch.events()) {
            try {
                records.add(new Outgoing(event.incidentId(), null, new ProducerRecord<>(eventTopic, event.incidentId(),
                        StateRecords.value(event.incidentId(), event))));
            } catch (IllegalArgumentException e) {
                refusedIncidents.putIfAbsent(event.incidentId(), "its audit event " + event.seq() + " " + e.getMessage());
            }
        }
        if (!refusedIncidents.isEmpty() || !refusedKept.isEmpty()) {
            throw new ChangeRefusedException(refusedIncidents, refusedKept);
        }
        return records;
    }

    /** The changes whose records the producer or broker refused for what they are (not for where they went). */
    private static ChangeRefusedException refusedRecords(List<Sent> sent) {
        Map<String, String> incidents = new LinkedHashMap<>();
        Map<String, String> kept = new LinkedHashMap<>();
        for (Sent s : sent) {
            Throwable cause = failureOf(s.future());
            if (cause instanceof RecordTooLargeException || cause instanceof InvalidRecordException
                    || cause instanceof RecordBatchTooLargeException || cause instanceof SerializationException) {
                if (s.record().incidentId() != null) {
                    incidents.putIfAbsent(s.record().incidentId(), "Kafka refused its record: " + cause.getMessage());
                } else if (s.record().keptKey() != null) {
                    kept.putIfAbsent(s.record().keptKey(), "Kafka refused its record: " + cause.getMessage());
                }
            }
        }
        return incidents.isEmpty() && kept.isEmpty() ? null : new ChangeRefusedException(incidents, kept);
    }

    private static Throwable failureOf(java.util.concurrent.Future<RecordMetadata> future) {
        if (!future.isDone()) {
            return null;
        }
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void abortOrClose(Exception why) {
        if (producer == null) {
            return;
        }
        if (isAbortable(why)) {
            try {
                producer.abortTransaction();
                return;
            } catch (KafkaException abortFailed) {
                LOG.warn("incident store: cannot abort the failed transaction ({}); opening a new producer", abortFailed.toString());
            }
        } else {
            LOG.warn("incident store: producer unusable after {}; opening a new producer", why.toString());
        }
        closeProducer();
    }

    /** Abortable: the transaction is lost but the producer is fine (KIP-1050; timeouts count as abortable). */
    private static boolean isAbortable(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof ApplicationRecoverableException
                    || t instanceof AuthorizationException || t instanceof UnsupportedVersionException) {
                return false;
            }
        }
        return true;
    }

    private RuntimeException classify(KafkaException e, String what) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException) {
                closeProducer();
                return new StoreFencedException("another alert service instance took over the incident store", e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new StoreUnavailableException(what + ": " + (root == e ? e.toString() : e.getMessage() + " (" + root + ")"), e);
    }

    /** A record to send, with the incident or kept record whose change it belongs to (null for both: the position). */
    private record Outgoing(String incidentId, String keptKey, ProducerRecord<String, byte[]> record) {
    }

    private record Sent(Outgoing record, java.util.concurrent.Future<RecordMetadata> future) {
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
        auth.addTo(config);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hazardwatch-alert-service." + stateTopic);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        if (closed) {
            throw new StoreFencedException("the incident store is closed", null);
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

    private KafkaConsumer<String, byte[]> stateConsumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        auth.addTo(config);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigns every partition of the state topic to {@code consumer}, from the beginning. */
    private List<TopicPartition> statePartitions(KafkaConsumer<String, byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(stateTopic, BROKER_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("incident state topic " + stateTopic + " does not exist");
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    /** The state as read so far: the newest value of each key. */
    private final class State {
        private final Map<String, Incident> incidents = new LinkedHashMap<>();
        private final Map<String, Kept> kept = new LinkedHashMap<>();
        private Map<Integer, Long> offsets = new HashMap<>();
        private long records;

        void readTo(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
            while (!reached(consumer, end)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
            }
        }

        private void apply(ConsumerRecord<String, byte[]> record) {
            records++;
            String key = record.key();
            if (key == null) {
                return;
            }
            if (record.value() == null) { // tombstone: removed after its retention
                incidents.remove(key.startsWith(INCIDENT) ? key.substring(INCIDENT.length()) : null);
                kept.remove(key);
                return;
            }
            if (key.startsWith(INCIDENT)) {
                incidents.put(key.substring(INCIDENT.length()), Json.fromBytes(record.value(), Incident.class));
            } else if (key.equals(OFFSETS + alarmsTopic)) {
                offsets = new HashMap<>(Json.fromBytes(record.value(), TreeOffsets.class).next());
            } else if (key.indexOf('/') > 0 && !key.startsWith(OFFSETS)) {
                int slash = key.indexOf('/');
                kept.put(key, new Kept(key.substring(0, slash), key.substring(slash + 1),
                        Json.fromBytes(record.value(), JsonNode.class)));
            }
        }

        Snapshot snapshot() {
            return new Snapshot(List.copyOf(incidents.values()), List.copyOf(kept.values()), offsets);
        }
    }

    private static Map<String, Long> countsByKind(java.util.Collection<Kept> kept) {
        return kept.stream().collect(java.util.stream.Collectors.groupingBy(Kept::kind, java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
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
