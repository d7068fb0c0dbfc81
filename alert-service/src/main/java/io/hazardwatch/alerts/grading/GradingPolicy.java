package io.hazardwatch.alerts.grading;

import com.fasterxml.jackson.core.type.TypeReference;
import io.hazardwatch.alerts.risk.RiskColour;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an enterprise's grade is scored: the points of each factor, the score thresholds of the colours and the two
 * lines (the alerting policy's {@code grading:} block; every key optional, defaults in docs/reference.md). Parsed
 * and validated once at start: a bad value stops startup naming the field.
 *
 * @param weights            points per factor (see {@link Weights})
 * @param acknowledgeTarget  mean time to acknowledge counted as on time; each minute beyond it scores
 * @param falseAlarmMinAnswered the false-alarm rate counts only once this many alarms in 90 days have a cause
 * @param colours            the lowest score of RED, ORANGE and YELLOW (below YELLOW's: BLUE)
 * @param warningLine        预警线: from this score an enterprise is on the watch list
 * @param alarmLine          报警线: from this score an enterprise is on the priority inspection list
 */
public record GradingPolicy(Weights weights, Duration acknowledgeTarget, Integer falseAlarmMinAnswered,
                            Map<RiskColour, Integer> colours, Integer warningLine, Integer alarmLine) {

    /**
     * Points of the factors. Per count unless said otherwise.
     *
     * @param majorHazardLevel   by the GB 18218 level of the enterprise's worst unit (1 = most severe)
     * @param sensorTypes        per distinct sensor type it runs (toxic, ammonia, dust, gas weigh more)
     * @param sensorTypesMax     cap of the sensor-type points
     * @param realRelease30d     per real release (feedback cause) in the last 30 days
     * @param realRelease90d     per real release in the last 90 days (on top of the 30-day points)
     * @param secondLevel90d     per level-2 alarm in the last 90 days
     * @param lateFeedback90d    per alarm in the last 90 days whose feedback came late or never
     * @param slowAcknowledgePerMinute per minute the 30-day mean time to acknowledge exceeds the target
     * @param slowAcknowledgeMax cap of those points
     * @param falseAlarmRate     points at a 100 % false-alarm rate (scaled by the rate)
     * @param openDanger         per open hidden danger
     * @param overdueDanger      per hidden danger past its rectification deadline
     * @param majorDanger        per open major hidden danger
     * @param finding90d         per inspection finding in the last 90 days
     * @param activeFirstLevel   per level-1 alarm active now
     * @param activeSecondLevel  per level-2 alarm active now
     */
    public record Weights(Map<Integer, Integer> majorHazardLevel, Map<SensorType, Integer> sensorTypes,
                          Integer sensorTypesMax, Integer realRelease30d, Integer realRelease90d,
                          Integer secondLevel90d, Integer lateFeedback90d, Integer slowAcknowledgePerMinute,
                          Integer slowAcknowledgeMax, Integer falseAlarmRate, Integer openDanger,
                          Integer overdueDanger, Integer majorDanger, Integer finding90d, Integer activeFirstLevel,
                          Integer activeSecondLevel) {

        static Weights defaults() {
            Map<SensorType, Integer> types = new EnumMap<>(SensorType.class);
            for (SensorType type : SensorType.values()) {
                types.put(type, switch (type) {
                    case TOXIC_GAS, TOXIC_GAS_IDLH, AMMONIA, HYDROGEN_SULFIDE, CHLORINE, DUST_CONCENTRATION -> 4;
                    case COMBUSTIBLE_GAS -> 3;
                    case CARBON_MONOXIDE -> 2;
                    case OXYGEN, TEMPERATURE -> 1;
                });
            }
            return new Weights(new TreeMap<>(Map.of(1, 15, 2, 10, 3, 6, 4, 3)), types, 10, 6, 2, 3, 4, 1, 10, 10,
                    3, 8, 10, 2, 30, 60);
        }

        /** These weights over the defaults, field by field; every weight must be a whole number of at least 0. */
        Weights filled() {
            Map<Integer, Integer> levels = new TreeMap<>(defaults().majorHazardLevel);
            if (majorHazardLevel != null) {
                majorHazardLevel.forEach((level, points) -> {
                    if (level == null || level < 1 || level > 4) {
                        throw new IllegalArgumentException("grading.weights.majorHazardLevel: levels are 1 to 4, got " + level);
                    }
                    levels.put(level, nonNegative("grading.weights.majorHazardLevel." + level, points));
                });
            }
            Map<SensorType, Integer> types = new EnumMap<>(defaults().sensorTypes);
            if (sensorTypes != null) {
                sensorTypes.forEach((type, points) -> types.put(type,
                        nonNegative("grading.weights.sensorTypes." + type, points)));
            }
            // the plain counts: each given one in place of its default, through the record's JSON form
            Map<String, Object> merged = new LinkedHashMap<>(Json.MAPPER.convertValue(defaults(), FIELDS));
            Json.MAPPER.convertValue(this, FIELDS).forEach((field, value) -> {
                if (value != null && !(value instanceof Map)) {
                    merged.put(field, nonNegative("grading.weights." + field, (Integer) value));
                }
            });
            merged.put("majorHazardLevel", levels);
            merged.put("sensorTypes", types);
            return Json.MAPPER.convertValue(merged, Weights.class);
        }
    }

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() { };

    /**
     * The defaults: inherent factors (hazard level, sensor types) stay below the warning line on their own; one
     * active level-1 alarm reaches the warning line (YELLOW), one level-2 alarm the alarm line (ORANGE), two RED.
     */
    public static GradingPolicy defaults() {
        Map<RiskColour, Integer> colours = new EnumMap<>(RiskColour.class);
        colours.put(RiskColour.RED, 100);
        colours.put(RiskColour.ORANGE, 60);
        colours.put(RiskColour.YELLOW, 30);
        return new GradingPolicy(Weights.defaults(), Duration.ofMinutes(5), 3, colours, 30, 60);
    }

    /** This policy with defaults for what it leaves out; fails naming the field of a bad value. */
    public GradingPolicy validated() {
        GradingPolicy d = defaults();
        Weights w = weights == null ? d.weights : weights.filled();
        Duration target = acknowledgeTarget == null ? d.acknowledgeTarget : acknowledgeTarget;
        if (target.isNegative()) {
            throw new IllegalArgumentException("grading.acknowledgeTarget: must not be negative");
        }
        int minAnswered = falseAlarmMinAnswered == null ? d.falseAlarmMinAnswered
                : nonNegative("grading.falseAlarmMinAnswered", falseAlarmMinAnswered);
        Map<RiskColour, Integer> c = new EnumMap<>(d.colours);
        if (colours != null) {
            colours.forEach((colour, score) -> {
                if (colour == null || colour == RiskColour.BLUE) {
                    throw new IllegalArgumentException("grading.colours: give RED, ORANGE and YELLOW (BLUE is below YELLOW), got " + colour);
                }
                c.put(colour, nonNegative("grading.colours." + colour, score));
            });
        }
        if (!(c.get(RiskColour.RED) > c.get(RiskColour.ORANGE) && c.get(RiskColour.ORANGE) > c.get(RiskColour.YELLOW))) {
            throw new IllegalArgumentException("grading.colours: must rise from YELLOW to ORANGE to RED, got " + c);
        }
        int warning = warningLine == null ? d.warningLine : nonNegative("grading.warningLine", warningLine);
        int alarm = alarmLine == null ? d.alarmLine : nonNegative("grading.alarmLine", alarmLine);
        if (alarm < warning) {
            throw new IllegalArgumentException("grading.alarmLine: " + alarm + " is below the warning line " + warning);
        }
        return new GradingPolicy(w, target, minAnswered, c, warning, alarm);
    }

    /** The colour of a score. */
    public RiskColour colourOf(int score) {
        for (RiskColour colour : new RiskColour[] {RiskColour.RED, RiskColour.ORANGE, RiskColour.YELLOW}) {
            if (score >= colours.get(colour)) {
                return colour;
            }
        }
        return RiskColour.BLUE;
    }

    /** The thresholds as the board shows them (colour → lowest score, then the two lines). */
    public Map<String, Integer> thresholds() {
        Map<String, Integer> t = new LinkedHashMap<>();
        colours.forEach((colour, score) -> t.put(colour.name(), score));
        t.put("warningLine", warningLine);
        t.put("alarmLine", alarmLine);
        return t;
    }

    private static int nonNegative(String field, Integer value) {
        if (value == null || value < 0) {
            throw new IllegalArgumentException(field + ": must be a whole number of at least 0, got " + value);
        }
        return value;
    }
}
