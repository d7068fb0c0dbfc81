package io.hazardwatch.simulator.load;

import io.hazardwatch.simulator.report.LatencyHistogram;
import io.hazardwatch.simulator.report.Table;
import java.util.List;
import java.util.Locale;

/**
 * What a fleet run achieved, the connect phase included unless {@code settleSeconds} left the run's beginning out of
 * the rate and PUBACK figures ({@code seconds} is the time they cover; connects, lost connections and storms count
 * over the whole run). {@code acked} readings got their PUBACK; {@code failed}
 * got an error or were lost with their connection (never counted as accepted); {@code late} were sent after their
 * time because the previous reading still awaited its PUBACK; {@code unacked} were in flight when the run ended;
 * {@code lost} counts lost connections.
 */
public record FleetResult(int devices, int connected, double connectSeconds, long refused, long retried,
                          double deviceRate, double settleSeconds, double seconds, long sent, long acked, long failed, long late,
                          long unacked, long lost, LatencyHistogram pubAck, List<FleetStorms.Storm> storms) {

    public double ackedRate() {
        return acked / seconds;
    }

    public double connectsPerSecond() {
        return connectSeconds > 0 ? connected / connectSeconds : 0;
    }

    /** The slowest storm's recovery in seconds; -1 when one has not recovered, 0 without storms. */
    public double stormRecoverySeconds() {
        double worst = 0;
        for (FleetStorms.Storm s : storms) {
            if (s.recoverySeconds() < 0) {
                return -1;
            }
            worst = Math.max(worst, s.recoverySeconds());
        }
        return worst;
    }

    public String table() {
        StringBuilder text = new StringBuilder(new Table("devices", "connected", "connect s", "acked/s", "sent", "acked",
                "failed", "late", "unacked", "PUBACK mean ms", "p50 ms", "p99 ms", "p99.9 ms")
                .row(devices, connected, fmt("%.2f", connectSeconds), fmt("%.0f", ackedRate()), sent, acked, failed, late,
                        unacked, ms(pubAck.meanMicros()), ms(pubAck.percentileMicros(50)),
                        ms(pubAck.percentileMicros(99)), ms(pubAck.percentileMicros(99.9)))
                .toString());
        for (FleetStorms.Storm s : storms) {
            text.append(s.recoverySeconds() < 0
                    ? fmt("storm at t+%.1f s: %d devices lost, %d not publishing again by the end%n", s.atSeconds(),
                    s.lost(), s.stillDown())
                    : fmt("storm at t+%.1f s: %d devices lost, all publishing again in %.1f s%n", s.atSeconds(), s.lost(),
                    s.recoverySeconds()));
        }
        return text.toString();
    }

    /** One line for scripts ({@code RESULT mode=fleet key=value ...}); counts of shards add up, times take the max. */
    public String resultLine() {
        return fmt("RESULT mode=fleet devices=%d connected=%d never_connected=%d connect_s=%.2f connects_per_s=%.0f"
                        + " connect_refused=%d connect_retried=%d device_rate=%s settle_s=%.0f seconds=%.1f sent=%d acked=%d failed=%d"
                        + " late=%d unacked=%d lost=%d sent_rate=%.0f acked_rate=%.0f mean_ms=%s p50_ms=%s p99_ms=%s p999_ms=%s"
                        + " max_ms=%s storms=%d storm_lost=%d storm_recovery_s=%.1f",
                devices, connected, devices - connected, connectSeconds, connectsPerSecond(), refused, retried,
                fmt("%s", deviceRate), settleSeconds, seconds, sent, acked, failed, late, unacked, lost, sent / seconds, ackedRate(),
                ms(pubAck.meanMicros()), ms(pubAck.percentileMicros(50)), ms(pubAck.percentileMicros(99)),
                ms(pubAck.percentileMicros(99.9)), ms(pubAck.maxMicros()), storms.size(),
                storms.stream().mapToInt(FleetStorms.Storm::lost).sum(), stormRecoverySeconds());
    }

    /** Milliseconds with two decimals: a PUBACK from Mosquitto takes a fraction of one. */
    private static String ms(double micros) {
        return fmt("%.2f", micros / 1000.0);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
