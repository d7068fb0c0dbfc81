package io.hazardwatch.streamjobs.kafka;

import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readings-topic records → {@link Reading}. A record that is not a valid reading is logged and skipped:
 * throwing would fail the job and replay the same record forever.
 */
public final class ReadingDeserializer implements KafkaRecordDeserializationSchema<Reading> {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Reading> out) {
        if (record.value() == null) {
            skip(record, "empty value");
            return;
        }
        Reading reading;
        try {
            reading = Json.fromBytes(record.value(), Reading.class);
        } catch (RuntimeException e) {
            skip(record, e.getMessage());
            return;
        }
        out.collect(reading);
    }

    private static void skip(ConsumerRecord<byte[], byte[]> record, String why) {
        LOG.warn("skipping malformed reading at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                why == null ? "unreadable" : why.replace('\n', ' '));
    }

    @Override
    public TypeInformation<Reading> getProducedType() {
        return TypeInformation.of(Reading.class);
    }
}
