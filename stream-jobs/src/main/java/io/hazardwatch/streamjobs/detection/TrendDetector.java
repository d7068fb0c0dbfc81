package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;
import java.time.Instant;

/**
 * Early warning from the trend: a least-squares line through the readings of the last {@code trendWindow}
 * gives the rate of rise and, where the value is still under the first high set point, the time at which
 * the line reaches it. TREND is raised when that crossing is due within {@code earlyWarning} (or the rise
 * is faster than {@code maxRisePerMinute}, when set), and carries the rate, the predicted crossing and the
 * lead time. It clears once the value stops rising or the crossing moves beyond twice the lead time.
 *
 * <p>Robust to noise: a slope counts only when it is {@link #MIN_T} standard errors above zero, over at least
 * {@link #MIN_SAMPLES} readings; noise on a flat signal gives no significant slope, and where it does by
 * chance the crossing it predicts is far away.
 */
public final class TrendDetector implements Detector<TrendState> {

    static final int MIN_SAMPLES = 5;
    /** Readings kept at most: a two-minute window at one reading a second. */
    static final int CAPACITY = 128;
    static final double MIN_T = 3.0;

    private final SensorRule rule;
    private final Double target;

    public TrendDetector(SensorRule rule) {
        this.rule = rule;
        this.target = rule.thresholds().firstHigh() != null ? rule.thresholds().firstHigh() : rule.thresholds().secondHigh();
    }

    @Override
    public TrendState initialState() {
        TrendState state = new TrendState();
        state.times = new long[CAPACITY];
        state.values = new double[CAPACITY];
        return state;
    }

    @Override
    public TrendState onReading(TrendState state, Reading reading, Alarms out) {
        double value = reading.value();
        if (!Double.isFinite(value)) {
            return state;
        }
        long t = reading.eventTime().toEpochMilli();
        add(state, t, value);
        if (state.size < MIN_SAMPLES) {
            return state;
        }
        Fit fit = fit(state, t, Long.MIN_VALUE);
        double ratePerMinute = fit.slope * 60;
        boolean rising = fit.slope > 0 && fit.slope >= MIN_T * fit.slopeError;
        double eta = target != null && fit.now < target && fit.slope > 0 ? (target - fit.now) / fit.slope : Double.NaN;
        Double maxRise = rule.maxRisePerMinute();
        if (!state.active) {
            boolean soon = !Double.isNaN(eta) && eta * 1000 <= rule.earlyWarningMillis();
            boolean fast = maxRise != null && ratePerMinute >= maxRise;
            if (rising && (soon || fast)) {
                state.active = true;
                state.episodeStart = t;
                Fit recent = recent(state, t, fit);
                double recentEta = target != null && recent.now < target ? (target - recent.now) / recent.slope : Double.NaN;
                out.emit(event(AlarmLevel.FIRST, AlarmTransition.RAISED, value, t, t, recent.slope * 60, recentEta, out));
            }
        } else {
            boolean holds = fit.slope > 0 && (target != null && fit.now >= target
                    || !Double.isNaN(eta) && eta * 1000 <= 2 * rule.earlyWarningMillis()
                    || maxRise != null && ratePerMinute >= maxRise / 2);
            if (!holds) {
                state.active = false;
                out.emit(event(AlarmLevel.NONE, AlarmTransition.CLEARED, value, state.episodeStart, t, ratePerMinute,
                        eta, out));
            }
        }
        return state;
    }

    private AlarmEvent event(AlarmLevel level, AlarmTransition transition, double value, long episodeStart, long t,
                             double ratePerMinute, double eta, Alarms out) {
        boolean predicted = !Double.isNaN(eta);
        return rule.event(AlarmEvent.TREND, level, transition, value, target, episodeStart, t, out.now(),
                ratePerMinute, rule.trendWindowMillis() / 1000,
                predicted ? Instant.ofEpochMilli(t + Math.round(eta * 1000)) : null,
                predicted ? Math.round(eta) : null);
    }

    /** Appends a reading and drops those that fell out of the window (or out of the ring). */
    private void add(TrendState state, long t, double value) {
        int capacity = state.times.length;
        if (state.size == capacity) {
            state.head = (state.head + 1) % capacity;
            state.size--;
        }
        int tail = (state.head + state.size) % capacity;
        state.times[tail] = t;
        state.values[tail] = value;
        state.size++;
        while (state.size > 0 && state.times[state.head] <= t - rule.trendWindowMillis()) {
            state.head = (state.head + 1) % capacity;
            state.size--;
        }
    }

    /**
     * The figures for the warning: a "flat, then rising" line (a hinge) through the window, when its rising part
     * is itself a significant rise steeper than the straight line. At the onset of a leak the window still holds
     * the flat baseline, whose straight line promises a crossing much later than the real one; the hinge finds
     * where the rise began and measures the rise from there. Only for the figures on the warning; whether to warn
     * is judged on the straight line through the whole window, which noise fools far less often.
     */
    private Fit recent(TrendState state, long t, Fit whole) {
        Fit hinge = hinge(state, t);
        boolean usable = hinge != null && hinge.slope > whole.slope && hinge.slope >= MIN_T * hinge.slopeError;
        return usable ? hinge : whole;
    }

    /**
     * Least squares of value = a + b · max(0, x − knee) over the window (x: seconds before {@code t}), the knee at
     * the reading that fits best with at least {@link #MIN_SAMPLES} readings from it on; slope b, its standard
     * error, the line's value at {@code t}, and the readings from the knee on. Null if there are too few readings.
     * Linear in the readings (suffix sums), and only called when a warning is raised.
     */
    static Fit hinge(TrendState state, long t) {
        int n = state.size;
        if (n < MIN_SAMPLES + 2) {
            return null;
        }
        int capacity = state.times.length;
        double[] x = new double[n];
        double[] y = new double[n];
        double sy = 0, syy = 0;
        for (int i = 0, j = state.head; i < n; i++, j = j + 1 == capacity ? 0 : j + 1) {
            x[i] = (state.times[j] - t) / 1000.0;
            y[i] = state.values[j];
            sy += y[i];
            syy += y[i] * y[i];
        }
        double sx = 0, sxx = 0, sxy = 0, sYafter = 0;
        Fit best = null;
        double bestResidual = Double.POSITIVE_INFINITY;
        for (int k = n - 1; k >= 1; k--) {
            sx += x[k];
            sxx += x[k] * x[k];
            sxy += x[k] * y[k];
            sYafter += y[k];
            int m = n - k;
            if (m < MIN_SAMPLES) {
                continue;
            }
            double knee = x[k];
            double sz = sx - m * knee;
            double szz = sxx - 2 * knee * sx + m * knee * knee;
            double szy = sxy - knee * sYafter;
            double czz = szz - sz * sz / n;
            if (czz <= 0) {
                continue;
            }
            double b = (szy - sz * sy / n) / czz;
            double a = (sy - b * sz) / n;
            double residual = Math.max(0, syy - a * sy - b * szy);
            if (residual < bestResidual) {
                bestResidual = residual;
                double error = Math.sqrt(residual / (n - 2) / czz);
                best = new Fit(b, error, a + b * (0 - knee), m);
            }
        }
        return best;
    }

    /** Ordinary least squares of value on time (seconds before {@code t}), over the readings after {@code since}. */
    static Fit fit(TrendState state, long t, long since) {
        int capacity = state.times.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        int n = 0;
        for (int i = 0, j = state.head; i < state.size; i++, j = j + 1 == capacity ? 0 : j + 1) {
            if (state.times[j] <= since) {
                continue;
            }
            n++;
            double x = (state.times[j] - t) / 1000.0;
            double y = state.values[j];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            syy += y * y;
        }
        double cxx = sxx - sx * sx / n;
        double cxy = sxy - sx * sy / n;
        double cyy = syy - sy * sy / n;
        if (n == 0 || cxx <= 0) {
            return new Fit(0, Double.POSITIVE_INFINITY, n == 0 ? Double.NaN : sy / n, n);
        }
        double slope = cxy / cxx;
        double residual = Math.max(0, cyy - slope * cxy);
        double slopeError = n > 2 ? Math.sqrt(residual / (n - 2) / cxx) : Double.POSITIVE_INFINITY;
        double intercept = sy / n - slope * sx / n;
        return new Fit(slope, slopeError, intercept, n);
    }

    /** Slope in units per second, its standard error, the line's value at the newest reading, readings used. */
    record Fit(double slope, double slopeError, double now, int n) {
    }
}
