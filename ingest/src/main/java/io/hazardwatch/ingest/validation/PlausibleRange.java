package io.hazardwatch.ingest.validation;

import io.hazardwatch.model.registry.SensorSpec;

/**
 * The values a sensor's instrument could possibly report, beyond which a "reading" cannot be a measurement:
 * {@code [rangeMin − 10·span, rangeMax + 10·span]}, span = rangeMax − rangeMin, from the sensor's measuring range
 * ({@link SensorSpec#rangeMin()}, {@link SensorSpec#rangeMax()} — what the detection job's over-range rules use).
 * <p>
 * Why ten spans: a detector beyond its range reports full scale or a few times it (saturated or extrapolating
 * cells), and a failing one a little below zero; ten times the span on either side keeps every such reading,
 * which detection must see, while refusing what no instrument sends — a unit mix-up of a thousand (ppb as ppm),
 * 1e9, an uninitialised register. Wider would let garbage through to the board as "over range"; narrower would
 * risk refusing the strongest evidence of a release.
 */
public record PlausibleRange(double rangeMin, double rangeMax, double min, double max) {

    /** How many spans beyond the measuring range a value may lie. */
    public static final int SPANS = 10;

    public static PlausibleRange of(SensorSpec spec) {
        double rangeMin = spec.rangeMin();
        double rangeMax = spec.rangeMax();
        double span = rangeMax - rangeMin;
        return new PlausibleRange(rangeMin, rangeMax, rangeMin - SPANS * span, rangeMax + SPANS * span);
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
