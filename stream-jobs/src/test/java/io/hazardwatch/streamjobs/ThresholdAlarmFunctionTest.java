package io.hazardwatch.streamjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.detection.ThresholdState;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThresholdAlarmFunctionTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final SensorKey GAS = new SensorKey("ent-a", "tank-1", "lel-1");
    private static final SensorKey NH3 = new SensorKey("ent-b", "room-1", "nh3-1");
    private static final Map<String, SensorSpec> SENSORS = Map.of(
            GAS.toString(), spec(GAS, SensorType.COMBUSTIBLE_GAS),
            NH3.toString(), spec(NH3, SensorType.AMMONIA));

    private KeyedOneInputStreamOperatorTestHarness<String, Reading, AlarmEvent> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                // cloned through Java serialization, as Flink ships it to the task managers
                new KeyedProcessOperator<>(InstantiationUtil.clone(new ThresholdAlarmFunction(SENSORS))),
                reading -> reading.sensorKey().toString(), Types.STRING);
        harness.open();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void emitsTheEpisodeOfALeakAndDropsItsStateOnceCleared() throws Exception {
        harness.setProcessingTime(T0.plusSeconds(100).toEpochMilli());

        feed(GAS, 10, 0);
        assertThat(harness.numKeyedStateEntries()).as("no state while normal").isZero();
        feed(GAS, 30, 1);
        assertThat(harness.numKeyedStateEntries()).as("state while the alarm is open").isEqualTo(1);
        feed(GAS, 55, 2);
        feed(GAS, 20, 3);

        assertThat(harness.extractOutputValues())
                .extracting(AlarmEvent::alarmKey, AlarmEvent::transition, AlarmEvent::level, AlarmEvent::episodeStart)
                .containsExactly(
                        tuple("ent-a/tank-1/lel-1/THRESHOLD", AlarmTransition.RAISED, AlarmLevel.FIRST, T0.plusSeconds(1)),
                        tuple("ent-a/tank-1/lel-1/THRESHOLD", AlarmTransition.ESCALATED, AlarmLevel.SECOND, T0.plusSeconds(1)),
                        tuple("ent-a/tank-1/lel-1/THRESHOLD", AlarmTransition.CLEARED, AlarmLevel.NONE, T0.plusSeconds(1)));
        assertThat(harness.extractOutputValues()).allSatisfy(e ->
                assertThat(e.detectedTime()).isEqualTo(T0.plusSeconds(100)));
        assertThat(harness.numKeyedStateEntries()).as("state cleaned after CLEARED").isZero();
    }

    @Test
    void keepsEachSensorsEpisodeApart() throws Exception {
        feed(GAS, 30, 0);
        feed(NH3, 60, 1);
        feed(GAS, 5, 2);

        assertThat(harness.extractOutputValues())
                .extracting(AlarmEvent::sensor, AlarmEvent::transition, AlarmEvent::level)
                .containsExactly(
                        tuple("lel-1", AlarmTransition.RAISED, AlarmLevel.FIRST),
                        tuple("nh3-1", AlarmTransition.RAISED, AlarmLevel.SECOND),
                        tuple("lel-1", AlarmTransition.CLEARED, AlarmLevel.NONE));
        assertThat(harness.numKeyedStateEntries()).as("only the ammonia episode is still open").isEqualTo(1);
    }

    @Test
    void dropsReadingsOfASensorMissingFromTheRegistry() throws Exception {
        SensorKey unknown = new SensorKey("ent-x", "dev-9", "lel-9");

        feed(unknown, 99, 0);
        feed(unknown, 99, 1);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void thresholdStateIsSerialisedByFlinksPojoSerializerNotKryo() {
        assertThat(TypeInformation.of(ThresholdState.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(Reading.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(AlarmEvent.class)).isInstanceOf(PojoTypeInfo.class);
    }

    private void feed(SensorKey key, double value, int second) throws Exception {
        Instant at = T0.plusSeconds(second);
        SensorType type = key.equals(NH3) ? SensorType.AMMONIA : SensorType.COMBUSTIBLE_GAS;
        harness.processElement(new Reading(Reading.SCHEMA, key.enterprise(), key.device(), key.sensor(), type, value,
                type.unit(), at, at), at.toEpochMilli());
    }

    private static SensorSpec spec(SensorKey key, SensorType type) {
        return new SensorSpec(key, "grid-1", type, type.defaultThresholds().orElseThrow(), 1);
    }
}
