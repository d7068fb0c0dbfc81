package io.hazardwatch.simulator.report;

import java.util.Locale;
import java.util.concurrent.atomic.LongAccumulator;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Latencies in microseconds, recorded from any thread without locks: HdrHistogram's {@link ConcurrentHistogram}
 * at three significant digits (exact below 2048 µs, within 0.1 % above), plus the exact maximum, which a
 * histogram only knows to its bucket.
 */
public final class LatencyHistogram {

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(3);
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    public void recordNanos(long nanos) {
        record(Math.max(0, nanos / 1000));
    }

    public void record(long micros) {
        histogram.recordValue(micros);
        max.accumulate(micros);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The mean in microseconds; 0 when empty. */
    public double meanMicros() {
        return count() == 0 ? 0 : histogram.getMean();
    }

    public long maxMicros() {
        return max.get();
    }

    /** The value at {@code percentile} (0–100) in microseconds: the upper end of its bucket; 0 when empty. */
    public long percentileMicros(double percentile) {
        return count() == 0 ? 0 : Math.min(histogram.getValueAtPercentile(percentile), max.get());
    }

    /** Milliseconds with one decimal, for tables. */
    public static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }
}
