package io.hazardwatch.alerts.config;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The daily safety commitment (安全承诺): by when an enterprise declares the state of its major-hazard units each day,
 * and which enterprises must.
 *
 * @param deadline  {@value #DEADLINE}: local time in the park's time zone (the alerting policy's {@code timezone}) by which the day's
 *                  commitment is due, default {@value #DEFAULT_DEADLINE}; a later one is late, none at all is missing
 * @param required  {@value #REQUIRED}: whether every enterprise with major hazards in the registry must commit,
 *                  default true
 * @param overrides {@value #OVERRIDES}: per enterprise, {@code <enterprise>:true|false} comma-separated, overrides
 *                  {@code required} (e.g. a site without declared units that must still commit, or one shut down)
 */
public record CommitmentConfig(LocalTime deadline, boolean required, Map<String, Boolean> overrides) {

    public static final String DEADLINE = "commitments.deadline";
    public static final String REQUIRED = "commitments.required";
    public static final String OVERRIDES = "commitments.overrides";
    public static final String DEFAULT_DEADLINE = "09:00";

    public static final CommitmentConfig DEFAULTS = new CommitmentConfig(LocalTime.of(9, 0), true, Map.of());

    public CommitmentConfig {
        overrides = Map.copyOf(overrides);
    }

    /** Whether {@code enterprise} must commit each day ({@code hasMajorHazards}: the registry declares units for it). */
    public boolean requiredOf(String enterprise, boolean hasMajorHazards) {
        return overrides.getOrDefault(enterprise, required && hasMajorHazards);
    }

    public static CommitmentConfig from(Settings settings) {
        String deadline = settings.string(DEADLINE, DEFAULT_DEADLINE);
        LocalTime time;
        try {
            time = LocalTime.parse(deadline);
        } catch (DateTimeParseException e) {
            throw new ConfigException(DEADLINE + ": '" + deadline + "' is not a local time such as 09:00");
        }
        return new CommitmentConfig(time, bool(REQUIRED, settings.string(REQUIRED, "true")),
                overrides(settings.string(OVERRIDES, "")));
    }

    private static Map<String, Boolean> overrides(String raw) {
        Map<String, Boolean> overrides = new LinkedHashMap<>();
        for (String entry : raw.split(",")) {
            String item = entry.trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.lastIndexOf(':');
            if (colon <= 0) {
                throw new ConfigException(OVERRIDES + ": '" + item + "' is not <enterprise>:true or <enterprise>:false");
            }
            overrides.put(item.substring(0, colon).trim(), bool(OVERRIDES, item.substring(colon + 1).trim()));
        }
        return overrides;
    }

    private static boolean bool(String key, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigException(key + ": '" + value + "' is neither true nor false");
        }
        return Boolean.parseBoolean(value);
    }
}
