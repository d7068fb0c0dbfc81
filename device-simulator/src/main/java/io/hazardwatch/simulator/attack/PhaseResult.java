package io.hazardwatch.simulator.attack;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one phase sent, what came back and how the services fared.
 *
 * @param crashed       which service stopped answering afterwards ("" when both answered /health and MQTT)
 * @param crossTenant   cross-tenant (or cross-site) attempts the services went along with, seen in their answers
 */
public record PhaseResult(String name, long inputs, double seconds, Map<String, Long> answers, long serverErrors,
                          long crossTenant, String crashed, ProcessFigures gatewayBefore, ProcessFigures gatewayAfter,
                          ProcessFigures alertsBefore, ProcessFigures alertsAfter) {

    public boolean isCrash() {
        return !crashed.isEmpty();
    }

    /** How many answers were of a kind starting with {@code prefix}. */
    public long answered(String prefix) {
        return answers.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
    }

    /** The answers, most frequent first: {@code kind ×count, …} (the first {@code most} kinds). */
    String answerSummary(int most) {
        String shown = answers.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(most).map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
        return answers.size() > most ? shown + ", … (" + (answers.size() - most) + " more kinds)" : shown;
    }
}
