package io.hazardwatch.streamjobs.kafka;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.hazardwatch.model.registry.SensorSpec;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The Kafka ends of the stream jobs. */
public final class KafkaConnectors {

    private KafkaConnectors() {
    }

    /** How a reading source asks the brokers for readings: what its fetches wait for. */
    public enum Fetch {
        /**
         * A fetch returns as soon as one reading is there (Kafka's defaults): detection, where the wait would be on
         * every alarm's way to the board.
         */
        AT_ONCE(1, 500),
        /**
         * A fetch waits for 64 KiB of readings or 250 ms, whichever comes first: history, whose points go to InfluxDB
         * in batches of 500 or once a second anyway. At 10 000 readings/s a consumer that fetches at once sends the
         * brokers ~350 fetches a second, each with a few dozen readings; this one a handful.
         */
        BATCHED(64 * 1024, 250);

        private final int minBytes;
        private final int maxWaitMs;

        Fetch(int minBytes, int maxWaitMs) {
            this.minBytes = minBytes;
            this.maxWaitMs = maxWaitMs;
        }

        Properties addTo(Properties props) {
            props.setProperty(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(minBytes));
            props.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(maxWaitMs));
            return props;
        }
    }

    /**
     * Readings from {@code topic}, fetched as {@code fetch} says. Without a checkpoint the job resumes from the
     * group's committed offsets (committed on each checkpoint), and on first start reads the topic from the beginning.
     */
    @SuppressWarnings("deprecation") // the connector's committedOffsets still takes Kafka's deprecated enum
    public static KafkaSource<Reading> readingSource(String bootstrap, String topic, String groupId,
                                                     KafkaClientAuth auth, Fetch fetch) {
        return KafkaSource.<Reading>builder()
                .setBootstrapServers(bootstrap)
                .setProperties(fetch.addTo(auth.addTo(new Properties())))
                .setTopics(topic)
                .setGroupId(groupId)
                .setClientIdPrefix(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new ReadingDeserializer())
                .build();
    }

    /**
     * Rules from {@code topic}, always read from the beginning (the topic holds each sensor's rule history;
     * the detection function keeps the newest version). The offsets committed on checkpoints are never read back;
     * they show the rules group's lag in Kafka's tools (and turning them off logs a warning at every start).
     */
    public static KafkaSource<SensorSpec> ruleSource(String bootstrap, String topic, String clientIdPrefix,
                                                     KafkaClientAuth auth) {
        return KafkaSource.<SensorSpec>builder()
                .setBootstrapServers(bootstrap)
                .setProperties(auth.addTo(new Properties()))
                .setTopics(topic)
                .setGroupId(clientIdPrefix + "-rules")
                .setClientIdPrefix(clientIdPrefix + "-rules")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RuleDeserializer())
                .build();
    }

    /**
     * Alarm events to {@code topic}, at least once: the alert service recognises a redelivered transition by
     * its alarm key and episode start, so duplicates are harmless while a lost alarm is not. Sent without linger:
     * alarms are few, so Kafka 4's default wait of 5 ms for a fuller batch would fill nothing and only delay every
     * alarm on its way to the board by those 5 ms.
     */
    public static KafkaSink<AlarmEvent> alarmSink(String bootstrap, String topic, KafkaClientAuth auth) {
        return KafkaSink.<AlarmEvent>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(auth.addTo(new Properties()))
                .setRecordSerializer(new AlarmSerializer(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty(ProducerConfig.ACKS_CONFIG, "all")
                .setProperty(ProducerConfig.LINGER_MS_CONFIG, "0")
                .build();
    }
}
