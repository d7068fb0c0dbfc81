package io.hazardwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalInt;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LeakBehaviourTest {

    /** The demo's leak without noise: 3 → 65 %LEL from 15 s over 30 s, held 60 s, back over 30 s. */
    private final Behaviour.Leak leak = new Behaviour.Leak(3, 0, 15, 65, 30, 60, 30);

    @Test
    void staysAtBaselineUntilTheLeakStarts() {
        assertThat(leak.expected(0)).isEqualTo(3);
        assertThat(leak.expected(14.999)).isEqualTo(3);
        assertThat(leak.expected(15)).isEqualTo(3);
    }

    @Test
    void rampsLinearlyCrossingFirstLevelAt26sAndSecondLevelAt38sOnOneSecondTicks() {
        // 62 %LEL over 30 s: 25 is reached 10.6 s into the ramp, 50 after 22.7 s
        assertThat(firstSecond(t -> leak.expected(t) >= 25)).hasValue(26);
        assertThat(firstSecond(t -> leak.expected(t) >= 50)).hasValue(38);
        assertThat(leak.expected(30)).isCloseTo(34, within(1e-9));
    }

    @Test
    void holdsThePeakThenDecaysBackToBaseline() {
        assertThat(leak.expected(45)).isEqualTo(65);
        assertThat(leak.expected(104.9)).isEqualTo(65);
        assertThat(leak.expected(120)).isCloseTo(34, within(1e-9));
        assertThat(leak.expected(135)).isEqualTo(3);
        assertThat(leak.expected(10_000)).isEqualTo(3);
        // back under 50 at 112.3 s: about 74 s at or above the second level in all
        assertThat(firstSecondAfter(45, t -> leak.expected(t) < 50)).hasValue(113);
    }

    @Test
    void isNeverAboveThePeakNorBelowTheBaseline() {
        IntStream.rangeClosed(0, 200).forEach(t -> assertThat(leak.expected(t)).isBetween(3.0, 65.0));
    }

    private static OptionalInt firstSecond(IntPredicate condition) {
        return firstSecondAfter(0, condition);
    }

    private static OptionalInt firstSecondAfter(int from, IntPredicate condition) {
        return IntStream.rangeClosed(from, 300).filter(condition).findFirst();
    }
}
