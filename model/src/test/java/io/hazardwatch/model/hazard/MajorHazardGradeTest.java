package io.hazardwatch.model.hazard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hazardwatch.model.hazard.MajorHazardGrade.Substance;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GB 18218-2018: S = Σ q/Q decides, R = α · Σ β · q/Q grades. */
class MajorHazardGradeTest {

    private static Substance ammonia(double tonnes) {
        return new Substance("液氨 ammonia", tonnes, 10, 2);
    }

    private static Substance chlorine(double tonnes) {
        return new Substance("氯 chlorine", tonnes, 5, 4);
    }

    @Test
    void belowTheCriticalQuantitiesTogetherItIsNoMajorHazardSource() {
        MajorHazardGrade grade = MajorHazardGrade.of(200, List.of(ammonia(4), chlorine(2)));

        assertThat(grade.s()).isCloseTo(0.8, within(1e-9));
        assertThat(grade.level()).isNull();
    }

    @Test
    void substancesThatAreEachBelowTheirCriticalQuantityCanTogetherMakeOne() {
        MajorHazardGrade grade = MajorHazardGrade.of(10, List.of(ammonia(6), chlorine(2.5)));

        assertThat(grade.s()).isCloseTo(1.1, within(1e-9));
        // R = 1.0 · (2 · 0.6 + 4 · 0.5) = 3.2
        assertThat(grade.r()).isCloseTo(3.2, within(1e-9));
        assertThat(grade.level()).isEqualTo(4);
    }

    @Test
    void anAmmoniaRefrigerationPlantWithAHundredPeopleNearbyGradesByItsR() {
        // 30 t of ammonia: S = 3, R = 2.0 · 2 · 3 = 12 → level 3
        assertThat(MajorHazardGrade.of(120, List.of(ammonia(30))).level()).isEqualTo(3);
        // 130 t: R = 2.0 · 2 · 13 = 52 → level 2; 250 t: R = 100 → level 1 (the bound belongs to the higher level)
        assertThat(MajorHazardGrade.of(120, List.of(ammonia(130))).level()).isEqualTo(2);
        assertThat(MajorHazardGrade.of(100, List.of(ammonia(250))).r()).isCloseTo(100, within(1e-9));
        assertThat(MajorHazardGrade.of(100, List.of(ammonia(250))).level()).isEqualTo(1);
    }

    @ParameterizedTest(name = "R = {0} -> level {1}")
    @CsvSource({"100, 1", "99.99, 2", "50, 2", "49.99, 3", "10, 3", "9.99, 4"})
    void levelBoundsBelongToTheMoreSevereLevel(double r, int level) {
        assertThat(MajorHazardGrade.level(r)).isEqualTo(level);
    }

    @ParameterizedTest(name = "{0} people within 500 m -> alpha {1}")
    @CsvSource({"0, 0.5", "1, 1.0", "29, 1.0", "30, 1.2", "49, 1.2", "50, 1.5", "99, 1.5", "100, 2.0"})
    void alphaFollowsThePeopleWithin500Metres(int people, double alpha) {
        assertThat(MajorHazardGrade.alpha(people)).isEqualTo(alpha);
    }

    @Test
    void nobodyCanBeFewerThanNoPeople() {
        assertThatThrownBy(() -> MajorHazardGrade.alpha(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSubstanceNeedsAPositiveCriticalQuantityAndBeta() {
        assertThatThrownBy(() -> new Substance("x", 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Substance("x", -1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Substance("x", 1, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
