package io.hazardwatch.streamjobs.kafka;

import io.hazardwatch.model.Json;
import io.hazardwatch.model.registry.SensorSpec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rules-topic records → {@link SensorSpec}. A record that is not a valid rule is logged and skipped. */
public final class RuleDeserializer implements KafkaRecordDeserializationSchema<SensorSpec> {

    private static final Logger LOG = LoggerFactory.getLogger(RuleDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SensorSpec> out) {
        SensorSpec spec;
        try {
            spec = record.value() == null ? null : Json.fromBytes(record.value(), SensorSpec.class);
        } catch (RuntimeException e) {
            spec = null;
            LOG.warn("skipping malformed rule at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        if (spec != null && spec.key() != null && spec.type() != null && spec.thresholds() != null) {
            out.collect(spec);
        } else if (spec != null) {
            LOG.warn("skipping incomplete rule at {}-{}@{}: key, type and thresholds are required", record.topic(),
                    record.partition(), record.offset());
        }
    }

    @Override
    public TypeInformation<SensorSpec> getProducedType() {
        return TypeInformation.of(SensorSpec.class);
    }
}
