package io.hazardwatch.model.hazard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hazardwatch.model.hazard.MajorHazardGrade.Substance;
import java.util.List;
import org.junit.jupiter.api.Test;

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

    @Test
    void levelBoundsBelongToTheMoreSevereLevel() {
        assertThat(MajorHazardGrade.level(100)).isEqualTo(1);
        assertThat(MajorHazardGrade.level(99.99)).isEqualTo(2);
        assertThat(MajorHazardGrade.level(50)).isEqualTo(2);
        assertThat(MajorHazardGrade.level(49.99)).isEqualTo(3);
        assertThat(MajorHazardGrade.level(10)).isEqualTo(3);
        assertThat(MajorHazardGrade.level(9.99)).isEqualTo(4);
    }

    @Test
    void alphaFollowsThePeopleWithin500Metres() {
        assertThat(MajorHazardGrade.alpha(0)).isEqualTo(0.5);
        assertThat(MajorHazardGrade.alpha(1)).isEqualTo(1.0);
        assertThat(MajorHazardGrade.alpha(29)).isEqualTo(1.0);
        assertThat(MajorHazardGrade.alpha(30)).isEqualTo(1.2);
        assertThat(MajorHazardGrade.alpha(49)).isEqualTo(1.2);
        assertThat(MajorHazardGrade.alpha(50)).isEqualTo(1.5);
        assertThat(MajorHazardGrade.alpha(99)).isEqualTo(1.5);
        assertThat(MajorHazardGrade.alpha(100)).isEqualTo(2.0);
        assertThatThrownBy(() -> MajorHazardGrade.alpha(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSubstanceNeedsAPositiveCriticalQuantityAndBeta() {
        assertThatThrownBy(() -> new Substance("x", 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Substance("x", -1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Substance("x", 1, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
