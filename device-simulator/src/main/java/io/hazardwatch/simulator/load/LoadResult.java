package io.hazardwatch.simulator.load;

import io.hazardwatch.simulator.report.LatencyHistogram;
import io.hazardwatch.simulator.report.Table;
import java.util.Locale;

/**
 * What a load run achieved. {@code acked} readings were acknowledged (PUBACK, or written for QoS 0);
 * {@code failed} publishes got an error or a refusing reason code; {@code unacked} were still in flight when
 * the run ended; {@code stalled} counts the moments the generator had to wait because every connection was at
 * its in-flight limit (the broker was the bottleneck).
 */
public record LoadResult(LoadSettings settings, int connected, int connectFailures, double connectSeconds,
                         double seconds, long messagesSent, long readingsSent, long readingsAcked, long failed,
                         long unacked, long stalled, LatencyHistogram pubAck) {

    public double offeredRate() {
        return readingsSent / seconds;
    }

    public double ackedRate() {
        return readingsAcked / seconds;
    }

    public String table() {
        return new Table("target/s", "sent/s", "acked/s", "batch", "conns", "QoS", "PUBACK p50 ms",
                "p99 ms", "max ms", "failed", "unacked", "stalls")
                .row(fmt(settings.rate()), fmt(offeredRate()), fmt(ackedRate()), settings.batch(),
                        connected + "/" + settings.connections(), settings.qos(),
                        LatencyHistogram.ms(pubAck.percentileMicros(50)), LatencyHistogram.ms(pubAck.percentileMicros(99)),
                        LatencyHistogram.ms(pubAck.maxMicros()), failed, unacked, stalled)
                .toString();
    }

    /** One line for scripts: {@code RESULT key=value ...}. */
    public String resultLine() {
        return String.format(Locale.ROOT, "RESULT target=%.0f sent_rate=%.0f acked_rate=%.0f batch=%d connections=%d"
                        + " connected=%d connect_failures=%d connect_s=%.1f qos=%d p50_ms=%s p99_ms=%s max_ms=%s"
                        + " failed=%d unacked=%d stalls=%d seconds=%.1f readings_sent=%d readings_acked=%d",
                settings.rate(), offeredRate(), ackedRate(), settings.batch(), settings.connections(), connected,
                connectFailures, connectSeconds, settings.qos(), LatencyHistogram.ms(pubAck.percentileMicros(50)),
                LatencyHistogram.ms(pubAck.percentileMicros(99)), LatencyHistogram.ms(pubAck.maxMicros()), failed,
                unacked, stalled, seconds, readingsSent, readingsAcked);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
