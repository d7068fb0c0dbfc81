package io.hazardwatch.ingest.kafka;

import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@link HeartbeatSink} on a small producer and thread of its own: {@code send} blocks while the producer has no
 * metadata for the topic (broker away, topic missing), and on the readings' send thread that would hold readings
 * back behind a heartbeat. Short timeouts: a heartbeat older than its interval is worth nothing.
 */
public final class KafkaHeartbeatSink implements HeartbeatSink {

    private final Vertx vertx;
    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kafka-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public KafkaHeartbeatSink(Vertx vertx, String bootstrap, String topic, KafkaClientAuth auth) {
        this.vertx = vertx;
        this.topic = topic;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "4000");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(256 * 1024));
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "hazardwatch-ingest-heartbeat");
        auth.addTo(props);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public Future<Void> send(Heartbeat heartbeat) {
        Context context = vertx.getOrCreateContext();
        Promise<Void> promise = Promise.promise();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, heartbeat.key(), Json.toBytes(heartbeat));
        thread.execute(() -> {
            try {
                producer.send(record, (metadata, error) -> context.runOnContext(v -> {
                    if (error == null) {
                        promise.tryComplete();
                    } else {
                        promise.tryFail(error);
                    }
                }));
            } catch (RuntimeException e) {
                context.runOnContext(v -> promise.tryFail(e));
            }
        });
        return promise.future();
    }

    @Override
    public Future<Void> close() {
        return vertx.executeBlocking(() -> {
            thread.shutdown();
            producer.close(Duration.ofSeconds(2));
            return null;
        });
    }
}
