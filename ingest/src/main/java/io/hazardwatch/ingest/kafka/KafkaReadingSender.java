package io.hazardwatch.ingest.kafka;

import io.hazardwatch.ingest.intake.ReadingSender;
import io.hazardwatch.ingest.metrics.IngestMetrics;
import io.hazardwatch.ingest.metrics.IngestMetrics.Stage;
import io.hazardwatch.model.DeadLetter;
import io.hazardwatch.model.DeviceStatus;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@link ReadingSender} on a Kafka producer with acks=all and idempotence: a write retried while the broker
 * is away is stored once. {@code KafkaProducer.send} blocks while it has no metadata for the topic (for
 * example right after the broker went away), so it is called on one dedicated thread ({@link SendThread}),
 * never on an event loop; one thread keeps the hand-over order, hence the order of readings of one sensor. The
 * gateway's in-flight bounds keep that thread's queue short.
 */
public final class KafkaReadingSender implements ReadingSender {


    private static final com.fasterxml.jackson.databind.ObjectWriter READING_WRITER = Json.MAPPER.writerFor(Reading.class);

    private final Vertx vertx;
    private final IngestMetrics metrics;
    private final KafkaProducer<String, byte[]> producer;
    private final String readingsTopic;
    private final String deadLetterTopic;
    private final String statusTopic;
    private final Admin admin;
    private final SendThread sendThread;
    /**
     * The last answer of the readiness check (metadata of the readings topic) and when it came (nanoTime, 0 before
     * the first); the check runs in the background, so /ready answers at once whatever Kafka does.
     */
    private volatile boolean kafkaAnswered;
    private volatile long answeredAt;
    private final java.util.concurrent.atomic.AtomicReference<Future<Boolean>> checking =
            new java.util.concurrent.atomic.AtomicReference<>();

    public KafkaReadingSender(Vertx vertx, IngestMetrics metrics, String bootstrap, String readingsTopic,
                              String deadLetterTopic, String statusTopic, Duration deliveryTimeout, String compression,
                              int lingerMs, Duration sendTurn, KafkaClientAuth auth) {
        this.sendThread = new SendThread("kafka-send", sendTurn);
        this.vertx = vertx;
        this.metrics = metrics;
        this.readingsTopic = readingsTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.statusTopic = statusTopic;
        Properties props = producerConfig(bootstrap, deliveryTimeout, compression, lingerMs, auth);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "hazardwatch-ingest-health");
        auth.addTo(adminProps);
        this.admin = Admin.create(adminProps);
    }

    /**
     * The readings producer's settings: acks=all with idempotence, so a write retried while a broker is away (or a
     * partition's leader moves to another broker) is stored once; bounded waits. Public for the cluster's fault IT,
     * which produces as the gateway does.
     */
    public static Properties producerConfig(String bootstrap, Duration deliveryTimeout, String compression,
                                            int lingerMs, KafkaClientAuth auth) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        // A client waiting for its PUBACK should hear within a bounded time that Kafka could not take it.
        int delivery = (int) deliveryTimeout.toMillis();
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(Math.min(15_000, delivery / 2)));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(delivery));
        // send() waits for topic metadata, which the producer drops while the broker is away; it runs on its
        // own thread, so let it wait as long as a write may take rather than fail a message after 2 s
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(delivery));
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "hazardwatch-ingest");
        auth.addTo(props);
        return props;
    }

    @Override
    public Future<Void> send(List<Reading> readings) {
        // One promise and one hop back to the event loop per message, however many readings it holds.
        Context context = vertx.getOrCreateContext();
        Promise<Void> promise = Promise.promise();
        AtomicInteger remaining = new AtomicInteger(readings.size());
        List<ProducerRecord<String, byte[]>> records = new java.util.ArrayList<>(readings.size());
        for (Reading reading : readings) {
            records.add(new ProducerRecord<>(readingsTopic, reading.sensorKey().toString(), readingBytes(reading)));
        }
        long handedOver = System.nanoTime();
        sendThread.execute(() -> {
            long sending = System.nanoTime();
            metrics.stage(Stage.HANDOFF, sending - handedOver);
            Callback callback = (metadata, error) -> {
                if (error != null) {
                    if (remaining.getAndSet(-1) > 0) {
                        context.runOnContext(v -> promise.tryFail(error));
                    }
                } else if (remaining.decrementAndGet() == 0) {
                    long acked = System.nanoTime();
                    metrics.stage(Stage.KAFKA, acked - sending);
                    context.runOnContext(v -> {
                        metrics.stage(Stage.REPLY, System.nanoTime() - acked);
                        promise.tryComplete();
                    });
                }
            };
            for (ProducerRecord<String, byte[]> record : records) {
                try {
                    producer.send(record, callback);
                } catch (RuntimeException | LinkageError e) {
                    // send() itself throws when metadata cannot be fetched within max.block.ms or the record is
                    // invalid, and a codec whose library cannot load throws from it (ProducerCompression checks)
                    if (remaining.getAndSet(-1) > 0) {
                        context.runOnContext(v -> promise.tryFail(e));
                    }
                    return;
                }
            }
        });
        return promise.future();
    }

    @Override
    public Future<Void> deadLetter(RefusedMessage message) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(deadLetterTopic, message.clientId(), message.payload());
        header(record, DeadLetter.REASON, message.refusal().reason().name());
        header(record, DeadLetter.DETAIL, message.refusal().detail());
        header(record, DeadLetter.MQTT_TOPIC, message.topic());
        header(record, DeadLetter.CLIENT_ID, message.clientId());
        header(record, DeadLetter.ENTERPRISE, message.enterprise());
        header(record, DeadLetter.RECEIVED_AT, message.receivedAt().toString());
        return write(record);
    }

    @Override
    public Future<Void> status(DeviceStatus status) {
        return write(new ProducerRecord<>(statusTopic, status.address().toString(), Json.toBytes(status)));
    }

    /**
     * Answers at once with the last check's outcome and starts the next check in the background (one at a time):
     * a balancer's or Kubernetes' probe has a timeout of its own (1–2 s), shorter than the check may take with a
     * broker gone, and a probe that timed out on every gateway at once took them all out of the balancer while
     * they could still write. An answer older than {@link #ANSWER_VALID} counts as none (the check hangs). Only
     * the very first call, with nothing known yet, waits for the check.
     */
    @Override
    public Future<Boolean> ready() {
        Future<Boolean> next = checkInBackground();
        long at = answeredAt;
        if (at == 0) {
            return next;
        }
        return Future.succeededFuture(kafkaAnswered && System.nanoTime() - at < ANSWER_VALID.toNanos());
    }

    /** How long one answer of Kafka vouches for it: a few probes' worth. */
    static final Duration ANSWER_VALID = Duration.ofSeconds(10);

    private Future<Boolean> checkInBackground() {
        Promise<Boolean> started = Promise.promise();
        Future<Boolean> running = checking.compareAndExchange(null, started.future());
        if (running != null) {
            return running;
        }
        vertx.<Boolean>executeBlocking(() -> {
            try {
                return !admin.describeTopics(List.of(readingsTopic), new DescribeTopicsOptions().timeoutMs(3000))
                        .allTopicNames().get(4, java.util.concurrent.TimeUnit.SECONDS).isEmpty();
            } catch (Exception e) {
                return false;
            }
        }, false).onComplete(ar -> {
            kafkaAnswered = ar.succeeded() && ar.result();
            answeredAt = System.nanoTime();
            checking.set(null);
            started.complete(kafkaAnswered);
        });
        return started.future();
    }

    @Override
    public Future<Void> close() {
        return vertx.executeBlocking(() -> {
            sendThread.close(Duration.ofSeconds(10));
            producer.close(Duration.ofSeconds(10));
            admin.close(Duration.ofSeconds(2));
            return null;
        });
    }

    private Future<Void> write(ProducerRecord<String, byte[]> record) {
        Context context = vertx.getOrCreateContext();
        Promise<Void> promise = Promise.promise();
        sendThread.execute(() -> {
            try {
                producer.send(record, (metadata, error) -> context.runOnContext(v -> {
                    if (error == null) {
                        promise.complete();
                    } else {
                        promise.fail(error);
                    }
                }));
            } catch (RuntimeException e) {
                context.runOnContext(v -> promise.fail(e));
            }
        });
        return promise.future();
    }

    /** A reading's JSON, with the serializer looked up once ({@link Json#MAPPER} stays the format's one author). */
    private static byte[] readingBytes(Reading reading) {
        try {
            return READING_WRITER.writeValueAsBytes(reading);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a reading", e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

}
