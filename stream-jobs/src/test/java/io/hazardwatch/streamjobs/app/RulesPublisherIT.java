package io.hazardwatch.streamjobs.app;

import static io.hazardwatch.streamjobs.testing.KafkaJobRun.GAS;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.kafka.RuleDeserializer;
import io.hazardwatch.streamjobs.testing.FlinkTestCluster;
import io.hazardwatch.streamjobs.testing.KafkaJobRun;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link RulesPublisher} against the shared Kafka, and a rule change reaching a running job through it. */
class RulesPublisherIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    @TempDir
    Path dir;

    private KafkaJobRun run;
    private JobClient job;

    @AfterEach
    void cancelJobAndRemoveTopics() throws Exception {
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    @Timeout(60)
    void publishesEverySensorOfTheRegistryKeyedBySensorAsTheJobReadsThem() throws Exception {
        run = new KafkaJobRun(TestRegistry.write(dir), 1_000);

        RulesPublisher.main(new String[] {properties().toString()});

        List<ConsumerRecord<String, byte[]>> records = KafkaTestTopics.readUntil(run.cfg.rulesTopic(),
                read -> read.size() >= 3, Duration.ofSeconds(30));
        List<SensorSpec> rules = new ArrayList<>();
        RuleDeserializer deserializer = new RuleDeserializer();
        for (ConsumerRecord<String, byte[]> record : records) {
            deserializer.deserialize(new org.apache.kafka.clients.consumer.ConsumerRecord<>(record.topic(),
                    record.partition(), record.offset(), record.key().getBytes(), record.value()), new Collector<>() {
                @Override
                public void collect(SensorSpec spec) {
                    assertThat(spec.key().toString()).isEqualTo(record.key());
                    rules.add(spec);
                }

                @Override
                public void close() {
                }
            });
        }
        assertThat(rules).containsExactlyInAnyOrderElementsOf(Registry.load(run.cfg.registryFile()).sensors());
    }

    @Test
    @Timeout(180)
    void aThresholdLoweredInTheRegistryAndPublishedReachesTheRunningJob() throws Exception {
        run = new KafkaJobRun(TestRegistry.write(dir), 1_000);
        RulesPublisher.main(new String[] {properties().toString()}); // version 1, as the job starts with
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobsMain.buildDetection(env, run.cfg);
        job = env.executeAsync("rules-publisher-it");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);
        // under the default 25 %LEL: 15 raises nothing; 30 and 5 make an episode that shows the job judges by v1
        run.gas(start, 0, 15, 15, 30, 5);
        List<AlarmEvent> before = run.alarmsUntil(KafkaJobRun.has(AlarmEvent.THRESHOLD, AlarmTransition.CLEARED, 1));
        assertThat(before).filteredOn(e -> e.alarmType().equals(AlarmEvent.THRESHOLD))
                .extracting(AlarmEvent::transition, AlarmEvent::value, AlarmEvent::threshold, AlarmEvent::ruleVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlarmTransition.RAISED, 30.0, 25.0, 1),
                        org.assertj.core.groups.Tuple.tuple(AlarmTransition.CLEARED, 5.0, 25.0, 1));

        // lel-1 now alarms at 10 / 20 %LEL: the registry's next version, published while the job runs
        Files.writeString(run.cfg.registryFile(), TestRegistry.YAML.replace("version: 1", "version: 2")
                .replace("{id: lel-1, type: COMBUSTIBLE_GAS}",
                        "{id: lel-1, type: COMBUSTIBLE_GAS, thresholds: {firstHigh: 10, secondHigh: 20}}"));
        RulesPublisher.main(new String[] {properties().toString()});
        Instant published = Instant.now();

        // the rule travels on its own stream: keep sending 15 %LEL, one reading a second, until it has arrived
        List<AlarmEvent> after = List.of();
        for (int second = 4; second < 64 && after.isEmpty(); second++) {
            run.gas(start, second, 15);
            after = run.alarmsUntil(KafkaJobRun.has(AlarmEvent.THRESHOLD, AlarmTransition.RAISED, 2),
                    Duration.ofSeconds(1)).stream()
                    .filter(e -> e.alarmType().equals(AlarmEvent.THRESHOLD) && e.ruleVersion() == 2).toList();
        }

        assertThat(after).as("a THRESHOLD alarm by the new rule within a minute of publishing").isNotEmpty();
        assertThat(after.get(0)).satisfies(e -> {
            assertThat(e.alarmKey()).isEqualTo(GAS + "/THRESHOLD");
            assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
            assertThat(e.value()).isEqualTo(15.0);
            assertThat(e.threshold()).as("the new first level").isEqualTo(10.0);
            assertThat(e.ruleId()).isEqualTo("threshold:" + GAS);
            assertThat(e.eventTime()).as("a reading sent after publishing").isAfterOrEqualTo(start.plusSeconds(4));
            assertThat(e.detectedTime()).isAfter(published);
        });
    }

    private Path properties() throws Exception {
        return Files.writeString(dir.resolve("stream-jobs.properties"), String.join("\n",
                "kafka.bootstrap=" + run.cfg.kafkaBootstrap(),
                "registry.file=" + run.cfg.registryFile(),
                "topic.rules=" + run.cfg.rulesTopic(), ""));
    }
}
