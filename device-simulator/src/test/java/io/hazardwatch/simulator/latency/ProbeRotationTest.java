package io.hazardwatch.simulator.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProbeRotationTest {

    private static final ProbeRotation.FlapGuard JOB_DEFAULT = new ProbeRotation.FlapGuard(4, Duration.ofSeconds(600));
    private static final ProbeRotation.FlapGuard ONE_SECOND = new ProbeRotation.FlapGuard(4, Duration.ofSeconds(1));

    @Test
    void goesRoundRobinOverTheSensors() {
        ProbeRotation rotation = new ProbeRotation(3, 7, Duration.ofMillis(250), ONE_SECOND);

        assertThat(IntStream.range(0, 7).map(rotation::sensorFor)).containsExactly(0, 1, 2, 0, 1, 2, 0);
        assertThat(rotation.probesPerSensor()).isEqualTo(3);
    }

    @Test
    void oneSensorAtTheDefaultPaceTripsTheJobsDefaultGuardAndNeedsASensorPerProbe() {
        ProbeRotation rotation = new ProbeRotation(1, 50, Duration.ofMillis(200), JOB_DEFAULT);

        assertThat(rotation.maxProbesPerWindow()).isEqualTo(50);
        assertThat(rotation.tripsGuard()).isTrue();
        assertThat(rotation.sensorsNeeded()).isEqualTo(50);
    }

    @Test
    void fiveSensorsEvery250MsRestEachLongerThanAOneSecondWindow() {
        ProbeRotation rotation = new ProbeRotation(5, 85, Duration.ofMillis(250), ONE_SECOND);

        assertThat(rotation.minGap()).isEqualTo(Duration.ofMillis(1250));
        assertThat(rotation.maxProbesPerWindow()).isEqualTo(1);
        assertThat(rotation.tripsGuard()).isFalse();
        assertThat(rotation.describe()).isEqualTo("5 sensors in turn: each probed up to 17 times, at most every 1.25 s"
                + " (5 × 0.25 s); flapping guard 4 changes in 1 s: up to 1 probe (2 changes) of one sensor in a window");
    }

    @Test
    void fourSensorsEvery250MsCanPutTwoProbesOfOneSensorInAOneSecondWindow() {
        ProbeRotation rotation = new ProbeRotation(4, 85, Duration.ofMillis(250), ONE_SECOND);

        assertThat(rotation.maxProbesPerWindow()).isEqualTo(2);
        assertThat(rotation.tripsGuard()).isTrue();
        assertThat(rotation.sensorsNeeded()).isEqualTo(5);
    }

    @Test
    void oneProbePerSensorNeverTripsAGuardOfThreeOrMoreChangesWhateverThePace() {
        assertThat(new ProbeRotation(5, 5, Duration.ZERO, JOB_DEFAULT).tripsGuard()).isFalse();
        assertThat(new ProbeRotation(5, 5, Duration.ZERO, new ProbeRotation.FlapGuard(3, Duration.ofSeconds(600)))
                .tripsGuard()).isFalse();
        assertThat(new ProbeRotation(5, 6, Duration.ZERO, JOB_DEFAULT).tripsGuard()).isTrue();
    }

    @Test
    void aGuardThatIsOffIsNeverTripped() {
        ProbeRotation rotation = new ProbeRotation(1, 1000, Duration.ZERO, new ProbeRotation.FlapGuard(0, Duration.ofSeconds(600)));

        assertThat(rotation.tripsGuard()).isFalse();
        assertThat(rotation.describe()).endsWith("; flapping guard off");
    }

    @Test
    void aGuardOfTwoChangesTripsOnOneProbe() {
        assertThat(new ProbeRotation.FlapGuard(2, Duration.ofSeconds(1)).tripsOnOneProbe()).isTrue();
        assertThat(new ProbeRotation.FlapGuard(3, Duration.ofSeconds(1)).tripsOnOneProbe()).isFalse();
        assertThat(new ProbeRotation.FlapGuard(0, Duration.ofSeconds(1)).tripsOnOneProbe()).isFalse();
    }
}
