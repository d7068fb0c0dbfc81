package io.hazardwatch.alerts.kafka;

import io.hazardwatch.alerts.watchdog.HeartbeatSource;
import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeats topic, read from its end (only fresh heartbeats matter) by a {@link TopicTail}: each heartbeat goes
 * to the watchdog on its Vert.x context, and so does every answer of the broker to the tail's probe, the watchdog's
 * sign that Kafka is reachable. No consumer group, nothing committed.
 */
public final class HeartbeatConsumer implements HeartbeatSource {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatConsumer.class);

    private final String bootstrap;
    private final KafkaClientAuth auth;
    private final String topic;
    private final List<String> replicated;
    private TopicTail tail;
    private ReplicaCheck replicas;
    private Context context;

    public HeartbeatConsumer(String bootstrap, String topic, KafkaClientAuth auth) {
        this(bootstrap, topic, auth, List.of(topic));
    }

    /** Also tells the watchdog whether {@code replicated} (topics it may describe) have every replica in sync. */
    public HeartbeatConsumer(String bootstrap, String topic, KafkaClientAuth auth, List<String> replicated) {
        this.bootstrap = bootstrap;
        this.auth = auth;
        this.topic = topic;
        this.replicated = List.copyOf(replicated);
    }

    @Override
    public synchronized Future<Void> start(Context context, Observer observer) {
        if (tail != null) {
            return Future.failedFuture(new IllegalStateException("heartbeat consumer already started"));
        }
        this.context = context;
        try {
            tail = new TopicTail(bootstrap, auth, topic, Duration.ZERO, Clock.systemUTC(),
                    record -> deliver(record, observer),
                    () -> context.runOnContext(v -> observer.brokerAnswered())).start("heartbeat-consumer");
            replicas = ReplicaCheck.start(bootstrap, auth, replicated,
                    shortage -> context.runOnContext(v -> observer.replicasShort(shortage)));
        } catch (KafkaException e) {
            return Future.failedFuture(e);
        }
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Void> stop() {
        TopicTail running = tail;
        if (running == null) {
            return Future.succeededFuture();
        }
        ReplicaCheck check = replicas;
        // unordered: not queued behind the alarm consumer's own stop on the same context
        return context.executeBlocking(() -> {
            running.close();
            if (check != null) {
                check.close();
            }
            return null;
        }, false).mapEmpty();
    }

    private void deliver(ConsumerRecord<byte[], byte[]> record, Observer observer) {
        Heartbeat heartbeat;
        try {
            heartbeat = Json.MAPPER.readValue(record.value(), Heartbeat.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipped heartbeat record {}-{} offset {}: not a heartbeat ({})", record.topic(),
                    record.partition(), record.offset(), e.getMessage() == null ? e.toString()
                            : e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        context.runOnContext(v -> observer.heartbeat(heartbeat));
    }
}
