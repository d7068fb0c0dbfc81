package io.hazardwatch.streamjobs.influx;

/**
 * One point in InfluxDB 1.x line protocol, written by hand:
 * {@code measurement,tag=value,… field=1.5,count=3i <epoch milliseconds>}.
 *
 * <p>influxdb-java's {@code Point} does the same through a TreeMap of tags and a {@code DecimalFormat} per
 * double; with every reading stored that was the detection job's largest single cost. Here tags are written in
 * the order given, which callers keep sorted by key (InfluxDB's preferred order), doubles with
 * {@link Double#toString} (InfluxDB reads its exponent form, e.g. {@code 1.0E-5}, as a float too), and longs as
 * integers ({@code 3i}). Empty tag values are left out, as InfluxDB refuses them.
 * Hand-written on purpose, not influxdb-java's {@code Point}: with IsoInstants, 1.21× the job's throughput (docs/benchmarks.md).
 */
public final class LineProtocol {

    private final StringBuilder line = new StringBuilder(160);
    private char fieldSeparator = ' ';

    private LineProtocol(String measurement) {
        escape(measurement, false);
    }

    public static LineProtocol measurement(String measurement) {
        return new LineProtocol(measurement);
    }

    /** Call before any field, in ascending key order. */
    public LineProtocol tag(String key, String value) {
        if (value != null && !value.isEmpty()) {
            line.append(',');
            escape(key, true);
            line.append('=');
            escape(value, true);
        }
        return this;
    }

    /** A float field; a point needs at least one field. */
    public LineProtocol field(String key, double value) {
        if (!Double.isFinite(value)) {
            // JSON cannot carry NaN or infinity and aggregates leave them out, so this is a bug upstream
            throw new IllegalArgumentException("field " + key + " is not a finite number: " + value);
        }
        startField(key);
        line.append(value);
        return this;
    }

    /** An integer field. */
    public LineProtocol field(String key, long value) {
        startField(key);
        line.append(value).append('i');
        return this;
    }

    /** The finished line, timestamped in epoch milliseconds (written with precision {@code ms}). */
    public String at(long epochMilli) {
        if (fieldSeparator == ' ') {
            throw new IllegalStateException("a point needs at least one field: " + line);
        }
        return line.append(' ').append(epochMilli).toString();
    }

    private void startField(String key) {
        line.append(fieldSeparator);
        fieldSeparator = ',';
        escape(key, true);
        line.append('=');
    }

    /** Commas and spaces are escaped everywhere; equals signs in tag and field keys and tag values. */
    private void escape(String text, boolean equalsToo) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ' ' || (equalsToo && c == '=')) {
                line.append('\\');
            }
            line.append(c);
        }
    }
}
