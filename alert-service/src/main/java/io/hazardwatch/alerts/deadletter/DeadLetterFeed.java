package io.hazardwatch.alerts.deadletter;

import io.hazardwatch.alerts.kafka.TopicTail;
import io.hazardwatch.model.DeadLetter;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.vertx.core.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's dead-letter topic, tallied for the duty room: follows it from {@link DeadLetterTally#WINDOW} ago
 * and counts each record on the service's context (where the API reads the tally, so neither needs locking).
 */
public final class DeadLetterFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterFeed.class);

    private final DeadLetterTally tally = new DeadLetterTally();
    private final String bootstrap;
    private final KafkaClientAuth auth;
    private final String topic;
    private final Clock clock;
    private TopicTail tail;

    public DeadLetterFeed(String bootstrap, String topic, Clock clock, KafkaClientAuth auth) {
        this.bootstrap = bootstrap;
        this.auth = auth;
        this.topic = topic;
        this.clock = clock;
    }

    /** Starts following the topic; the tally is updated on {@code context}. Never fails the service's start. */
    public synchronized void start(Context context) {
        try {
            tail = new TopicTail(bootstrap, auth, topic, DeadLetterTally.WINDOW, clock, record -> {
                DeadLetter.Headers h = DeadLetter.Headers.read(name -> {
                    Header header = record.headers().lastHeader(name);
                    return header == null || header.value() == null ? null
                            : new String(header.value(), StandardCharsets.UTF_8);
                }, Instant.ofEpochMilli(record.timestamp()));
                context.runOnContext(v -> tally.record(h.enterprise(), h.reason(), h.detail(), h.mqttTopic(),
                        h.receivedAt()));
            }, null).start("dead-letter-feed");
        } catch (KafkaException e) {
            // e.g. a broker name that does not resolve: the board goes without these counts, the rest works
            LOG.warn("cannot follow the dead-letter topic {} at {}: {}; the board shows no refused-message counts",
                    topic, bootstrap, e.getMessage());
        }
    }

    /** Read on the service's context only. */
    public DeadLetterTally tally() {
        return tally;
    }

    /** Blocks up to ~10 s while the consumer closes. */
    @Override
    public synchronized void close() {
        if (tail != null) {
            tail.close();
        }
    }
}
