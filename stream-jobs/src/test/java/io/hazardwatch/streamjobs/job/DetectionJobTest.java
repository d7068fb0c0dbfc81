package io.hazardwatch.streamjobs.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.influx.MinuteAggregate;
import io.hazardwatch.streamjobs.testing.CollectingSink;
import io.hazardwatch.streamjobs.testing.FlinkTestCluster;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DetectionJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    /** Readings per sensor: a ramp up and back down, one second apart. */
    private static final int STEPS = 24;
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    @Test
    void raisesEscalatesAndClearsPerSensor(@TempDir Path dir) throws Exception {
        Map<String, SensorSpec> sensors = DetectionJob.sensorsByKey(Registry.load(TestRegistry.write(dir)));
        CollectingSink<AlarmEvent> alarms = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(FlinkTestCluster.PARALLELISM);

        new DetectionJob(twoSensorRamps(), unchangedRule(sensors), alarms, sensors).build(env);
        env.execute("detection-job-test");

        assertThat(alarms.values()).filteredOn(e -> e.sensor().equals(TestRegistry.ENT_A_GAS))
                .filteredOn(e -> e.alarmType().equals(AlarmEvent.THRESHOLD))
                .extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::value, AlarmEvent::threshold)
                .containsExactly(
                        tuple(AlarmTransition.RAISED, AlarmLevel.FIRST, 25.0, 25.0),
                        tuple(AlarmTransition.ESCALATED, AlarmLevel.SECOND, 50.0, 50.0),
                        tuple(AlarmTransition.CLEARED, AlarmLevel.NONE, 20.0, 25.0));
        // temp-1 is set to 60 / 80 degC with the default deadband of 6
        assertThat(alarms.values()).filteredOn(e -> e.sensor().equals(TestRegistry.ENT_A_TEMP))
                .filteredOn(e -> e.alarmType().equals(AlarmEvent.THRESHOLD))
                .extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::value, AlarmEvent::threshold)
                .containsExactly(
                        tuple(AlarmTransition.RAISED, AlarmLevel.FIRST, 60.0, 60.0),
                        tuple(AlarmTransition.ESCALATED, AlarmLevel.SECOND, 82.5, 80.0),
                        tuple(AlarmTransition.CLEARED, AlarmLevel.NONE, 52.5, 60.0));
        // the end of the input is silence: the device whose sensors reported goes offline, on event time, as one
        // device alarm rather than one per sensor
        assertThat(alarms.values()).filteredOn(e -> e.alarmType().equals(AlarmEvent.OFFLINE))
                .extracting(AlarmEvent::alarmKey, AlarmEvent::sensor, AlarmEvent::transition, AlarmEvent::episodeStart)
                .containsExactly(tuple("ent-a/tank-1//OFFLINE", "", AlarmTransition.RAISED,
                        T0.plusSeconds(STEPS - 1 + 60)));
    }

    @Test
    void historyStoresEveryReadingAndItsMinuteAggregates() throws Exception {
        CollectingSink<Reading> store = new CollectingSink<>();
        CollectingSink<MinuteAggregate> aggregates = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(FlinkTestCluster.PARALLELISM);

        new HistoryJob(twoSensorRamps(), store, aggregates).build(env);
        env.execute("history-job-test");

        assertThat(store.values()).hasSize(2 * STEPS);
        assertThat(aggregates.values())
                .extracting(MinuteAggregate::sensor, MinuteAggregate::minute, MinuteAggregate::count, MinuteAggregate::min,
                        MinuteAggregate::max)
                .containsExactlyInAnyOrder(
                        tuple(TestRegistry.ENT_A_GAS, T0, (long) STEPS, 0.0, 60.0),
                        tuple(TestRegistry.ENT_A_TEMP, T0, (long) STEPS, 0.0, 90.0));
    }

    /** The registry's own rule for lel-1 once more on the rules stream: must change nothing. */
    private static DataGeneratorSource<SensorSpec> unchangedRule(Map<String, SensorSpec> sensors) {
        SensorSpec gas = sensors.get(TestRegistry.ENT_A + "/" + TestRegistry.ENT_A_DEVICE + "/" + TestRegistry.ENT_A_GAS);
        return new DataGeneratorSource<>(i -> gas, 1, TypeInformation.of(SensorSpec.class));
    }

    /**
     * The gas sensor's ramp first, then the temperature sensor's. The generator splits the index range into
     * one contiguous split per source subtask, so at parallelism 2 each sensor's readings stay in order.
     */
    private static DataGeneratorSource<Reading> twoSensorRamps() {
        return new DataGeneratorSource<>(DetectionJobTest::reading, 2L * STEPS, TypeInformation.of(Reading.class));
    }

    private static Reading reading(long index) {
        int step = (int) (index % STEPS);
        // 5, 10, ... 60, then 55, 50, ... 0
        double gas = step < 12 ? 5.0 * (step + 1) : 60.0 - 5.0 * (step - 11);
        Instant at = T0.plusSeconds(step);
        return index < STEPS
                ? new Reading(Reading.SCHEMA, TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE, TestRegistry.ENT_A_GAS,
                        SensorType.COMBUSTIBLE_GAS, gas, "%LEL", at, at)
                : new Reading(Reading.SCHEMA, TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE, TestRegistry.ENT_A_TEMP,
                        SensorType.TEMPERATURE, gas * 1.5, "degC", at, at);
    }
}
