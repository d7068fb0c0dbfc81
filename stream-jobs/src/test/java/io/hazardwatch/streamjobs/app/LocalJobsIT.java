package io.hazardwatch.streamjobs.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import io.hazardwatch.streamjobs.testing.FlinkTestCluster;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.streamjobs.influx.InfluxPointSink;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection and history jobs with their real connectors, at parallelism 2, in one embedded cluster as
 * one-machine mode runs them ({@link LocalJobs}), against the test stack's Kafka and InfluxDB (start them with
 * {@code deploy/infra.sh up}).
 */
class LocalJobsIT {

    private static final SensorKey GAS =
            new SensorKey(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE, TestRegistry.ENT_A_GAS);
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private final String database = "hw_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final InfluxDB influx = InfluxPointSink.connect(TestEnv.influxUrl(), TestEnv.influxLogin());
    private LocalJobs jobs;

    @AfterEach
    void cancelJobAndDropDatabase() throws Exception {
        if (jobs != null) {
            jobs.close();
        }
        influx.query(new Query("DROP DATABASE " + database));
        influx.close();
    }

    @Test
    @Timeout(120)
    void leakRampOnKafkaBecomesAnAlarmEpisodeOnKafkaAndReadingsInInfluxDb() throws Exception {
        StreamJobsConfig cfg = new StreamJobsConfig(TestEnv.kafkaBootstrap(),
                KafkaTestTopics.create("it.readings", 2), KafkaTestTopics.create("it.alarms", 1),
                "it-" + UUID.randomUUID(), TestRegistry.write(dir), TestEnv.influxUrl(), database, "thirty_days",
                1_000, 0, FlinkTestCluster.PARALLELISM, KafkaTestTopics.create("it.rules", 1), "four_hundred_days",
                StreamJobsConfig.DEFAULT_BUFFER_TIMEOUT_MS, dir.resolve("checkpoints").toUri().toString())
                .withInfluxLogin(TestEnv.influxLogin());
        jobs = LocalJobs.start(LocalMain.localCluster(cfg), cfg);

        // the ramp lies in the minute before this one, so its 1-minute aggregate is complete without waiting
        // up to a minute for event time to pass the end of the current minute
        List<Reading> ramp = leakRamp(Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(60));
        produce(cfg.readingsTopic(), ramp);

        List<ConsumerRecord<String, byte[]>> records =
                KafkaTestTopics.readUntil(cfg.alarmsTopic(), read -> read.stream()
                        .filter(r -> r.key().endsWith("/THRESHOLD")).count() >= 3, WAIT);
        List<AlarmEvent> alarms = records.stream().map(r -> Json.fromBytes(r.value(), AlarmEvent.class)).toList();
        Instant raisedAt = ramp.get(4).eventTime(); // 25 %LEL
        assertThat(records).extracting(ConsumerRecord::key).contains("ent-a/tank-1/lel-1/THRESHOLD");
        alarms = alarms.stream().filter(a -> a.alarmType().equals(AlarmEvent.THRESHOLD)).toList();
        assertThat(alarms)
                .extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::value, AlarmEvent::threshold,
                        AlarmEvent::episodeStart)
                .containsExactly(
                        tuple(AlarmTransition.RAISED, AlarmLevel.FIRST, 25.0, 25.0, raisedAt),
                        tuple(AlarmTransition.ESCALATED, AlarmLevel.SECOND, 50.0, 50.0, raisedAt),
                        tuple(AlarmTransition.CLEARED, AlarmLevel.NONE, 20.0, 25.0, raisedAt));
        assertThat(alarms).allSatisfy(a -> {
            assertThat(a.alarmKey()).isEqualTo("ent-a/tank-1/lel-1/THRESHOLD");
            assertThat(a.sensorType()).isEqualTo(SensorType.COMBUSTIBLE_GAS);
            assertThat(a.unit()).isEqualTo("%LEL");
            assertThat(a.ruleId()).isEqualTo("threshold:ent-a/tank-1/lel-1");
            assertThat(a.ruleVersion()).isEqualTo(1);
            assertThat(a.detectedTime()).isAfter(a.eventTime());
        });

        assertThat(awaitStored("SELECT count(value) FROM thirty_days.reading", ramp.size()))
                .as("readings in InfluxDB").isEqualTo(ramp.size());
        // the minutes close once event time passes them: the watermark follows the wall clock after the ramp
        assertThat(awaitStored("SELECT sum(\"count\") FROM four_hundred_days.reading_1m", ramp.size()))
                .as("readings counted in the 1-minute aggregates").isEqualTo(ramp.size());
        // checkpoints (every second here) go to checkpoint.dir, not to the job manager's memory with its 5 MB limit,
        // each job's to a directory of its own
        for (StreamJob which : StreamJob.values()) {
            Path jobCheckpoints = dir.resolve("checkpoints").resolve(which.label())
                    .resolve(jobs.job(which).getJobID().toHexString());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!hasCompletedCheckpoint(jobCheckpoints) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(hasCompletedCheckpoint(jobCheckpoints)).as("a completed checkpoint in %s", jobCheckpoints)
                    .isTrue();
        }
    }

    private static boolean hasCompletedCheckpoint(Path jobCheckpoints) {
        try (var entries = Files.list(jobCheckpoints)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("chk-")
                    && Files.exists(p.resolve("_metadata")));
        } catch (IOException e) {
            return false;
        }
    }

    /** 5 → 60 %LEL in steps of 5, then back down to 0, one reading a second, preceded by a malformed record. */
    private static List<Reading> leakRamp(Instant start) {
        List<Reading> ramp = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int v = 5; v <= 60; v += 5) {
            values.add((double) v);
        }
        for (int v = 55; v >= 0; v -= 5) {
            values.add((double) v);
        }
        for (int i = 0; i < values.size(); i++) {
            Instant at = start.plusSeconds(i);
            ramp.add(new Reading(Reading.SCHEMA, GAS.enterprise(), GAS.device(), GAS.sensor(),
                    SensorType.COMBUSTIBLE_GAS, values.get(i), "%LEL", at, at.plusMillis(20)));
        }
        return ramp;
    }

    private static void produce(String topic, List<Reading> readings) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap());
        TestEnv.kafkaClientAuth().addTo(props);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            // the job must skip it, not fail on it
            producer.send(new ProducerRecord<>(topic, GAS.toString(), "{not a reading".getBytes(StandardCharsets.UTF_8)));
            for (Reading reading : readings) {
                producer.send(new ProducerRecord<>(topic, GAS.toString(), Json.toBytes(reading)));
            }
            producer.flush();
        }
    }

    private long awaitStored(String select, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long stored = 0;
        while (System.nanoTime() < deadline) {
            stored = stored(select);
            if (stored >= expected) {
                break;
            }
            Thread.sleep(250);
        }
        return stored;
    }

    private long stored(String select) {
        QueryResult result = influx.query(new Query(select + " WHERE sensor = '" + GAS.sensor() + "'", database));
        if (result.hasError() || result.getResults() == null || result.getResults().get(0).getSeries() == null) {
            return 0; // database not created yet, or nothing written
        }
        return ((Number) result.getResults().get(0).getSeries().get(0).getValues().get(0).get(1)).longValue();
    }
}
