package io.hazardwatch.bench.detection;

import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.detection.Alarms;
import io.hazardwatch.streamjobs.detection.SensorDetectors;
import io.hazardwatch.streamjobs.detection.SensorState;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Readings per second through all of one sensor type's detectors (threshold with flapping guard, offline,
 * range, stuck, trend, and exposure for CO), on one thread: the plain-Java core that the Flink keyed function
 * calls, without Flink's state access and serialization. {@code sensors} sensors take turns, so the states
 * do not all sit in L1. Target: ≥ 300 000 readings/s per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DetectorBenchmark {

    /** COMBUSTIBLE_GAS: threshold, trend, faults, offline; CARBON_MONOXIDE adds STEL/TWA windows. */
    @Param({"COMBUSTIBLE_GAS", "CARBON_MONOXIDE"})
    public String type;

    @Param({"1000"})
    public int sensors;

    private static final int READINGS = 4096;

    private SensorDetectors[] detectors;
    private SensorState[] states;
    private Reading[][] readings;
    private Alarms alarms;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SensorType sensorType = SensorType.valueOf(type);
        detectors = new SensorDetectors[sensors];
        states = new SensorState[sensors];
        readings = new Reading[sensors][];
        Random random = new Random(1);
        Instant t0 = Instant.parse("2026-11-24T00:00:00Z");
        double first = sensorType.defaultThresholds().orElseThrow().firstHigh();
        for (int s = 0; s < sensors; s++) {
            SensorKey key = new SensorKey("ent-" + (s / 100), "dev-" + (s / 10), "s-" + s);
            detectors[s] = SensorDetectors.of(new SensorSpec(key, "grid-1", sensorType,
                    sensorType.defaultThresholds().orElseThrow(), 1));
            states[s] = detectors[s].prepare(null);
            readings[s] = new Reading[READINGS];
            for (int i = 0; i < READINGS; i++) {
                // mostly normal with noise, one leak ramp through both levels every ~1000 readings
                int phase = i % 1000;
                double value = phase < 900 ? first * 0.1 + random.nextGaussian() * first * 0.02
                        : first * 0.1 + (phase - 900) * first * 0.03;
                Instant at = t0.plusSeconds(i);
                readings[s][i] = new Reading(Reading.SCHEMA, key.enterprise(), key.device(), key.sensor(), sensorType,
                        value, sensorType.unit(), at, at);
            }
        }
        alarms = new Alarms(t0);
    }

    /** One reading of the next sensor in turn; time moves on by a second per round of all sensors. */
    @Benchmark
    public void onReading(Blackhole bh) {
        int s = next % sensors;
        int round = next / sensors;
        next++;
        if (round >= READINGS) {
            // start the series again from fresh states, so time never runs backwards for a sensor
            next = 0;
            for (int i = 0; i < sensors; i++) {
                states[i] = detectors[i].prepare(null);
            }
            return;
        }
        SensorState state = states[s];
        alarms.reset(readings[s][round].eventTime());
        detectors[s].onReading(state, readings[s][round], alarms);
        bh.consume(detectors[s].nextTimer(state));
        bh.consume(alarms.events().size());
    }
}
