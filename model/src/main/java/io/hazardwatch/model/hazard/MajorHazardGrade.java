package io.hazardwatch.model.hazard;

import java.util.List;
import java.util.Objects;

/**
 * Identification and grading of a major hazard source by GB 18218-2018 from the hazardous substances a unit
 * holds: it is one when S = Σ qᵢ/Qᵢ ≥ 1 (q the quantity present, Q the substance's critical quantity, both in
 * tonnes); its grade follows from R = α · Σ βᵢ · qᵢ/Qᵢ — level 1 (most severe) if R ≥ 100, level 2 if
 * 50 ≤ R &lt; 100, level 3 if 10 ≤ R &lt; 50, level 4 if R &lt; 10. β is the substance's correction factor
 * (e.g. ammonia 2, chlorine 4, hydrogen sulphide 5, flammable gases 1.5), α the one for the people within
 * 500 m. Q and β come from the standard's tables, as the enterprise's identification report states them.
 *
 * @param s     Σ q/Q
 * @param r     α · Σ β · q/Q
 * @param level 1 to 4, or null when S &lt; 1 (not a major hazard source)
 */
public record MajorHazardGrade(double s, double r, Integer level) {

    /** One hazardous substance of the unit. */
    public record Substance(String name, double quantity, double criticalQuantity, double beta) {
        public Substance {
            if (!(quantity >= 0) || !(criticalQuantity > 0) || !(beta > 0)
                    || !Double.isFinite(quantity) || !Double.isFinite(criticalQuantity) || !Double.isFinite(beta)) {
                throw new IllegalArgumentException(name + ": quantity must be ≥ 0, critical quantity and β > 0");
            }
        }
    }

    public static MajorHazardGrade of(int peopleWithin500m, List<Substance> substances) {
        double s = 0;
        double weighted = 0;
        for (Substance substance : substances) {
            double ratio = substance.quantity() / substance.criticalQuantity();
            s += ratio;
            weighted += substance.beta() * ratio;
        }
        double r = alpha(peopleWithin500m) * weighted;
        return new MajorHazardGrade(s, r, s >= 1 ? level(r) : null);
    }

    /** The most severe level among {@code grades} (1 is the most severe); null when none is a major hazard source. */
    public static Integer mostSevereLevel(List<MajorHazardGrade> grades) {
        return grades.stream().map(MajorHazardGrade::level).filter(Objects::nonNull).min(Integer::compare).orElse(null);
    }

    /** α for the people normally within 500 m of the unit. */
    public static double alpha(int people) {
        if (people < 0) {
            throw new IllegalArgumentException("people within 500 m cannot be negative: " + people);
        }
        if (people >= 100) {
            return 2.0;
        }
        if (people >= 50) {
            return 1.5;
        }
        if (people >= 30) {
            return 1.2;
        }
        return people >= 1 ? 1.0 : 0.5;
    }

    static int level(double r) {
        if (r >= 100) {
            return 1;
        }
        if (r >= 50) {
            return 2;
        }
        return r >= 10 ? 3 : 4;
    }
}
