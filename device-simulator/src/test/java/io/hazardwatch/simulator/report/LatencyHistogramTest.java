package io.hazardwatch.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesOfOneToTenThousandMicrosAreWithinThreePercent() {
        LatencyHistogram h = new LatencyHistogram();
        LongStream.rangeClosed(1, 10_000).forEach(h::record);

        assertThat(h.count()).isEqualTo(10_000);
        assertThat((double) h.percentileMicros(50)).isCloseTo(5000, within(150.0));
        assertThat((double) h.percentileMicros(99)).isCloseTo(9900, within(300.0));
        assertThat(h.percentileMicros(100)).isEqualTo(10_000);
        assertThat(h.maxMicros()).isEqualTo(10_000);
    }

    @Test
    void smallValuesAreExactAndAnEmptyHistogramReportsZero() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.percentileMicros(99)).isZero();

        h.record(3);
        h.record(7);
        assertThat(h.percentileMicros(50)).isEqualTo(3);
        assertThat(h.percentileMicros(99)).isEqualTo(7);
    }

    @Test
    void everyValueIsReportedAtOrJustAboveItselfAndTheMaximumExactly() {
        for (long v : new long[] {31, 32, 33, 63, 64, 1000, 123_456_789L, Long.MAX_VALUE / 2}) {
            LatencyHistogram h = new LatencyHistogram();
            h.record(1);
            h.record(v);
            long upper = h.percentileMicros(99);
            assertThat(upper).as("value %d", v).isGreaterThanOrEqualTo(v);
            assertThat((double) upper).isLessThanOrEqualTo(v * 1.07 + 1);
            assertThat((double) h.percentileMicros(1)).isLessThanOrEqualTo(1.07 + 1);
            assertThat(h.maxMicros()).isEqualTo(v);
        }
    }

    @Test
    void markdownTableAlignsItsColumns() {
        assertThat(new Table("a", "long header").row(12345, "x").toString()).isEqualTo("""
                | a     | long header |
                |-------|-------------|
                | 12345 | x           |
                """);
    }
}
