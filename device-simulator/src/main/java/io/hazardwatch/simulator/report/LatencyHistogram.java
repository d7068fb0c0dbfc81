package io.hazardwatch.simulator.report;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Latencies in microseconds, recorded from any thread without locks: 32 sub-buckets per power of two, so a
 * percentile is exact below 32 µs and within about 3 % above; the maximum is exact.
 */
public final class LatencyHistogram {

    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = (64 - SUB_BITS) * SUB + SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    public void recordNanos(long nanos) {
        record(Math.max(0, nanos / 1000));
    }

    public void record(long micros) {
        counts.incrementAndGet(index(micros));
        max.accumulate(micros);
    }

    public long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    public long maxMicros() {
        return max.get();
    }

    /** The value at {@code percentile} (0–100) in microseconds: the upper end of its bucket; 0 when empty. */
    public long percentileMicros(double percentile) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(total * percentile / 100.0));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(upperBound(i), max.get());
            }
        }
        return max.get();
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS + 1;
        int mantissa = (int) (v >>> exponent);
        return exponent * SUB + mantissa;
    }

    static long upperBound(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = index / SUB;
        long mantissa = index % SUB;
        // mantissa is in [SUB/2, SUB) for exponent >= 1
        return ((mantissa + 1) << exponent) - 1;
    }

    /** Milliseconds with one decimal, for tables. */
    public static String ms(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
    }
}
