package io.hazardwatch.streamjobs.testing;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.streamjobs.influx.InfluxPointSink;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;

/**
 * The job's surroundings for one test against the shared Kafka and InfluxDB: fresh topics and database (removed
 * by {@link #close}), readings in, alarm events out.
 */
public final class KafkaJobRun implements AutoCloseable {

    public static final SensorKey GAS = new SensorKey(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE, TestRegistry.ENT_A_GAS);

    public final StreamJobsConfig cfg;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaJobRun(Path registry, long checkpointIntervalMs) {
        this(registry, checkpointIntervalMs, TestEnv.influxUrl());
    }

    /** @param influxUrl where the history store is, e.g. a closed port for an outage */
    public KafkaJobRun(Path registry, long checkpointIntervalMs, String influxUrl) {
        String database = "hw_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        cfg = new StreamJobsConfig(TestEnv.kafkaBootstrap(),
                KafkaTestTopics.create("it.readings", 2), KafkaTestTopics.create("it.alarms", 1),
                "it-" + UUID.randomUUID(), registry, influxUrl, database, "thirty_days",
                checkpointIntervalMs, 0, FlinkTestCluster.PARALLELISM, KafkaTestTopics.create("it.rules", 1),
                "four_hundred_days", StreamJobsConfig.DEFAULT_BUFFER_TIMEOUT_MS, checkpointsNextTo(registry).toUri().toString(),
                "it-history-" + UUID.randomUUID(), KafkaTestTopics.create("it.heartbeats", 1), TestEnv.influxLogin(),
                TestEnv.kafkaClientAuth());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap());
        TestEnv.kafkaClientAuth().addTo(props);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Gas readings of lel-1, one a second from {@code start}, flushed. */
    /** Where the job's checkpoints go: a directory beside the registry file (the test's temporary directory). */
    public static Path checkpointsNextTo(Path registry) {
        return registry.toAbsolutePath().getParent().resolve("checkpoints");
    }

    public void gas(Instant start, int firstSecond, double... values) {
        for (int i = 0; i < values.length; i++) {
            Instant at = start.plusSeconds(firstSecond + i);
            Reading reading = new Reading(Reading.SCHEMA, GAS.enterprise(), GAS.device(), GAS.sensor(),
                    SensorType.COMBUSTIBLE_GAS, values[i], "%LEL", at, at.plusMillis(20));
            producer.send(new ProducerRecord<>(cfg.readingsTopic(), GAS.toString(), Json.toBytes(reading)));
        }
        producer.flush();
    }

    /** A gas reading of lel-1 stamped now (event and ingest time), flushed. */
    public void gasNow(double value) {
        Instant now = Instant.now();
        Reading reading = new Reading(Reading.SCHEMA, GAS.enterprise(), GAS.device(), GAS.sensor(),
                SensorType.COMBUSTIBLE_GAS, value, "%LEL", now, now);
        producer.send(new ProducerRecord<>(cfg.readingsTopic(), GAS.toString(), Json.toBytes(reading)));
        producer.flush();
    }

    /** Every heartbeat on the run's heartbeats topic once {@code done} accepts them, or when {@code timeout} passed. */
    public List<Heartbeat> heartbeatsUntil(Predicate<List<Heartbeat>> done, Duration timeout) {
        Predicate<List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>> read =
                records -> done.test(heartbeats(records));
        return heartbeats(KafkaTestTopics.readUntil(cfg.heartbeatsTopic(), read, timeout));
    }

    private static List<Heartbeat> heartbeats(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> rs) {
        return rs.stream().map(r -> Json.fromBytes(r.value(), Heartbeat.class)).toList();
    }

    /** Every alarm event on the alarms topic once {@code done} accepts them, or when 60 s have passed. */
    public List<AlarmEvent> alarmsUntil(Predicate<List<AlarmEvent>> done) {
        return alarmsUntil(done, Duration.ofSeconds(60));
    }

    /** Every alarm event on the alarms topic once {@code done} accepts them, or when {@code timeout} has passed. */
    public List<AlarmEvent> alarmsUntil(Predicate<List<AlarmEvent>> done, Duration timeout) {
        Predicate<List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>> read =
                records -> done.test(decode(records));
        return decode(KafkaTestTopics.readUntil(cfg.alarmsTopic(), read, timeout));
    }

    public static Predicate<List<AlarmEvent>> has(String alarmType, io.hazardwatch.model.AlarmTransition transition,
                                           long count) {
        return events -> events.stream()
                .filter(e -> e.alarmType().equals(alarmType) && e.transition() == transition).count() >= count;
    }

    private static List<AlarmEvent> decode(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> rs) {
        return rs.stream().map(r -> Json.fromBytes(r.value(), AlarmEvent.class)).toList();
    }

    /** Readings of lel-1 in the run's InfluxDB database (the shared InfluxDB); 0 while there is none. */
    public long storedReadings() {
        try (InfluxDB influx = InfluxPointSink.connect(TestEnv.influxUrl(), TestEnv.influxLogin())) {
            var result = influx.query(new Query("SELECT count(value) FROM thirty_days.reading WHERE sensor = '"
                    + GAS.sensor() + "'", cfg.influxDatabase()));
            if (result.hasError() || result.getResults() == null || result.getResults().get(0).getSeries() == null) {
                return 0;
            }
            return ((Number) result.getResults().get(0).getSeries().get(0).getValues().get(0).get(1)).longValue();
        }
    }

    /** Waits (at most 60 s) until the job has reached a terminal state. */
    public static JobStatus awaitTerminal(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        while (!status.isGloballyTerminalState() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        }
        return status;
    }

    @Override
    public void close() throws Exception {
        producer.close(Duration.ofSeconds(10));
        try (InfluxDB influx = InfluxPointSink.connect(TestEnv.influxUrl(), TestEnv.influxLogin())) {
            influx.query(new Query("DROP DATABASE " + cfg.influxDatabase()));
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap());
        TestEnv.kafkaClientAuth().addTo(props);
        try (Admin admin = Admin.create(props)) {
            admin.deleteTopics(List.of(cfg.readingsTopic(), cfg.alarmsTopic(), cfg.rulesTopic(), cfg.heartbeatsTopic()))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }
}
