package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.SensorType;

/**
 * Default occupational exposure limits per sensor type, in the type's unit (GBZ 2.1 via shared/DOMAIN.md,
 * marked "verify" there: every sensor may override them in the registry). Null = no such limit.
 */
record ExposureLimits(Double stel, Double twa, Double mac) {

    static ExposureLimits defaultsFor(SensorType type) {
        return switch (type) {
            // PC-TWA 20 mg/m3, PC-STEL 30 mg/m3; at 25 degC 1 ppm NH3 = 0.70 mg/m3
            case AMMONIA -> new ExposureLimits(43.0, 28.7, null);
            case CARBON_MONOXIDE -> new ExposureLimits(30.0, 20.0, null);
            case HYDROGEN_SULFIDE -> new ExposureLimits(null, null, 10.0);
            case CHLORINE -> new ExposureLimits(null, null, 1.0);
            default -> new ExposureLimits(null, null, null);
        };
    }
}
