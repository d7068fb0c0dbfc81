package io.hazardwatch.simulator.attack;

import io.hazardwatch.simulator.report.LatencyHistogram;
import io.hazardwatch.simulator.report.Table;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * A run's outcome: one row per phase, the forged readings found in Kafka (-1: not checked) and the legitimate
 * clients' PUBACK latency without and during the attack.
 */
public record AttackReport(List<PhaseResult> phases, long forgedInKafka, int legitConnected, long legitFailed,
                           LatencyHistogram quiet, LatencyHistogram attacked) {

    public PhaseResult phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no phase " + name));
    }

    public long inputs() {
        return phases.stream().mapToLong(PhaseResult::inputs).sum();
    }

    public long crashes() {
        return phases.stream().filter(PhaseResult::isCrash).count();
    }

    public long serverErrors() {
        return phases.stream().mapToLong(PhaseResult::serverErrors).sum();
    }

    /** Cross-tenant successes seen in answers plus forged readings found in Kafka. */
    public long crossTenant() {
        return phases.stream().mapToLong(PhaseResult::crossTenant).sum() + Math.max(0, forgedInKafka);
    }

    public String table() {
        Table table = new Table("phase", "inputs", "s", "answers by kind", "5xx", "cross-tenant accepted", "crash",
                "gateway before → after", "alerts before → after");
        for (PhaseResult p : phases) {
            table.row(p.name(), p.inputs(), String.format(Locale.ROOT, "%.1f", p.seconds()), p.answerSummary(6),
                    p.serverErrors(), p.crossTenant(), p.isCrash() ? p.crashed() : "no",
                    p.gatewayBefore() + " → " + p.gatewayAfter(), p.alertsBefore() + " → " + p.alertsAfter());
        }
        return table.toString();
    }

    public String summary() {
        return String.format(Locale.ROOT, "%,d hostile inputs, %d crashes, %d cross-tenant accepted (%s forged readings"
                        + " in Kafka), %d 5xx; %d legitimate clients: PUBACK p99 %s ms quiet, %s ms attacked (%s), %d failed",
                inputs(), crashes(), crossTenant(), forgedInKafka < 0 ? "not checked:" : forgedInKafka + "", serverErrors(),
                legitConnected, p99(quiet), p99(attacked), ratio(), legitFailed);
    }

    /** One line for scripts: {@code RESULT key=value ...}. */
    public String resultLine() {
        return String.format(Locale.ROOT, "RESULT inputs=%d crashes=%d cross_tenant=%d forged_in_kafka=%d server_errors=%d"
                        + " legit=%d legit_failed=%d p99_quiet_ms=%s p99_attacked_ms=%s", inputs(), crashes(), crossTenant(),
                forgedInKafka, serverErrors(), legitConnected, legitFailed, p99(quiet), p99(attacked));
    }

    private String ratio() {
        long q = quiet.percentileMicros(99);
        return q <= 0 || attacked.count() == 0 ? "-" : String.format(Locale.ROOT, "%.1f×", attacked.percentileMicros(99) / (double) q);
    }

    private static String p99(LatencyHistogram h) {
        return h.count() == 0 ? "-" : LatencyHistogram.ms(h.percentileMicros(99));
    }
}
