package io.hazardwatch.alerts.deadletter;

import io.hazardwatch.alerts.kafka.TopicTail;
import io.hazardwatch.model.DeadLetter;
import io.vertx.core.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The gateway's dead-letter topic, tallied for the duty room: follows it from {@link DeadLetterTally#WINDOW} ago
 * and counts each record on the service's context (where the API reads the tally, so neither needs locking).
 */
public final class DeadLetterFeed implements AutoCloseable {

    private final DeadLetterTally tally = new DeadLetterTally();
    private final String bootstrap;
    private final String topic;
    private final Clock clock;
    private TopicTail tail;

    public DeadLetterFeed(String bootstrap, String topic, Clock clock) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.clock = clock;
    }

    /** Starts following the topic; the tally is updated on {@code context}. */
    public synchronized void start(Context context) {
        tail = new TopicTail(bootstrap, topic, DeadLetterTally.WINDOW, clock, record -> {
            Counted counted = Counted.of(record);
            context.runOnContext(v -> tally.record(counted.enterprise, counted.reason, counted.detail, counted.topic,
                    counted.at));
        }).start("dead-letter-feed");
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

    private record Counted(String enterprise, String reason, String detail, String topic, Instant at) {
        static Counted of(ConsumerRecord<byte[], byte[]> record) {
            Instant at = Instant.ofEpochMilli(record.timestamp());
            String receivedAt = header(record, DeadLetter.RECEIVED_AT);
            if (receivedAt != null) {
                try {
                    at = Instant.parse(receivedAt);
                } catch (DateTimeParseException e) {
                    // the broker's time of the record is close enough
                }
            }
            return new Counted(header(record, DeadLetter.ENTERPRISE), header(record, DeadLetter.REASON),
                    header(record, DeadLetter.DETAIL), header(record, DeadLetter.MQTT_TOPIC), at);
        }

        private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    }
}
