package io.hazardwatch.model;

import java.util.Optional;

/**
 * The sensor-type catalogue with default set points from {@code shared/DOMAIN.md}
 * (GB/T 50493-2019 §5.5.2, GBZ 2.1 limits; the gas-specific mg/m³ figures are marked "verify" there,
 * so every sensor may override them in the registry).
 */
public enum SensorType {
    COMBUSTIBLE_GAS("%LEL", 0, 100, Thresholds.high(25, 50)),
    /** Toxic gas expressed as a percentage of its occupational exposure limit. */
    TOXIC_GAS("%OEL", 0, 1000, Thresholds.high(100, 200)),
    /** Toxic gas where the detector range cannot reach OEL levels. */
    TOXIC_GAS_IDLH("%IDLH", 0, 100, Thresholds.high(5, 10)),
    /** Per DOMAIN.md: first level over 23.5 %VOL (enrichment), second level under 19.5 %VOL (deficiency). */
    OXYGEN("%VOL", 0, 100, new Thresholds(23.5, null, null, 19.5, 0.5)),
    /** Ammonia leak detector (refrigeration rooms): vendors' common 25 / 50 ppm. */
    AMMONIA("ppm", 0, 1000, Thresholds.high(25, 50)),
    /** Hydrogen sulfide, GBZ 2.1 MAC 10 mg/m³ → 10 / 20. */
    HYDROGEN_SULFIDE("mg/m3", 0, 500, Thresholds.high(10, 20)),
    /** Carbon monoxide, TWA 20 / STEL 30 mg/m³ → 20 / 40. */
    CARBON_MONOXIDE("mg/m3", 0, 1000, Thresholds.high(20, 40)),
    /** Chlorine, MAC 1 mg/m³ → 1 / 2. */
    CHLORINE("mg/m3", 0, 100, Thresholds.high(1, 2)),
    /** Combustible dust concentration: no national set point, always configured per site. */
    DUST_CONCENTRATION("g/m3", 0, 1000, null),
    /** Process temperature (tanks, dust collectors, cold stores): always configured per sensor. */
    TEMPERATURE("degC", -60, 1200, null);

    private final String unit;
    private final double physicalMin;
    private final double physicalMax;
    private final Thresholds defaults;

    SensorType(String unit, double physicalMin, double physicalMax, Thresholds defaults) {
        this.unit = unit;
        this.physicalMin = physicalMin;
        this.physicalMax = physicalMax;
        this.defaults = defaults;
    }

    public String unit() {
        return unit;
    }

    public double physicalMin() {
        return physicalMin;
    }

    public double physicalMax() {
        return physicalMax;
    }

    /** Default set points; empty where the standards give none and each sensor must configure its own. */
    public Optional<Thresholds> defaultThresholds() {
        return Optional.ofNullable(defaults);
    }
}
