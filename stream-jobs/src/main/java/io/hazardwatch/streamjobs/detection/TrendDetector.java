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
 * <p>Robust to noise at any sampling rate. The window is cut into {@link #SLOTS} time slots and the readings of a
 * slot count as one point (their mean time and mean value): a sensor sending a thousand readings a second is judged
 * on as many points, spread over as much time, as one sending one a second, only with less noise on each. A slope
 * counts only when it is {@link #MIN_T} standard errors above zero, over at least {@link #MIN_SAMPLES} points that
 * span at least half the window (a fresh window — new sensor, job start without state, after a gap — is easily
 * fooled by noise in its first seconds); noise on a flat signal gives no significant slope, and where it does by
 * chance the crossing it predicts is far away.
 */
public final class TrendDetector implements Detector<TrendState> {

    static final int MIN_SAMPLES = 5;
    /** Time slots in a window: one a second for the default two-minute window. */
    static final int SLOTS = 120;
    static final double MIN_T = 3.0;

    private final SensorRule rule;
    private final Double target;
    private final long slotMillis;

    public TrendDetector(SensorRule rule) {
        this.rule = rule;
        this.target = rule.thresholds().firstHigh() != null ? rule.thresholds().firstHigh() : rule.thresholds().secondHigh();
        this.slotMillis = Math.max(1, (rule.trendWindowMillis() + SLOTS - 1) / SLOTS);
    }

    @Override
    public TrendState initialState() {
        TrendState state = new TrendState();
        state.slots = new long[SLOTS];
        state.counts = new int[SLOTS];
        state.offsetSums = new double[SLOTS];
        state.valueSums = new double[SLOTS];
        return state;
    }

    /** Takes finite values only: {@link SensorDetectors} keeps the others from it. */
    @Override
    public TrendState onReading(TrendState state, Reading reading, Alarms out) {
        double value = reading.value();
        if (state.slots.length != SLOTS) { // a state kept by an earlier version: start the window afresh
            TrendState fresh = initialState();
            fresh.active = state.active;
            fresh.episodeStart = state.episodeStart;
            state = fresh;
        }
        long t = reading.eventTime().toEpochMilli();
        add(state, t, value);
        if (!enoughToJudge(state)) {
            return state;
        }
        Fit fit = fit(state, t);
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

    /** Adds a reading to its slot and drops the slots that fell out of the window. */
    private void add(TrendState state, long t, double value) {
        long slot = Math.floorDiv(t, slotMillis);
        int capacity = state.slots.length;
        while (state.size > 0 && state.slots[state.head] <= slot - capacity) {
            state.head = (state.head + 1) % capacity;
            state.size--;
        }
        int last = last(state);
        if (state.size > 0 && state.slots[last] >= slot) { // readings come in event-time order: the newest slot
            state.counts[last]++;
            state.offsetSums[last] += t - state.slots[last] * slotMillis;
            state.valueSums[last] += value;
            return;
        }
        int tail = (state.head + state.size) % capacity; // the kept slots are newer than slot - capacity: room left
        state.slots[tail] = slot;
        state.counts[tail] = 1;
        state.offsetSums[tail] = t - slot * slotMillis;
        state.valueSums[tail] = value;
        state.size++;
    }

    /** At least {@link #MIN_SAMPLES} points, spanning at least half the window. */
    private boolean enoughToJudge(TrendState state) {
        return state.size >= MIN_SAMPLES
                && time(state, last(state)) - time(state, state.head) >= rule.trendWindowMillis() / 2.0;
    }

    private static int last(TrendState state) {
        return (state.head + Math.max(state.size, 1) - 1) % state.slots.length;
    }

    /** Event time (ms, fractional) of a slot's point: the mean of its readings' times. */
    private double time(TrendState state, int j) {
        return state.slots[j] * slotMillis + state.offsetSums[j] / state.counts[j];
    }

    /** A slot's point: seconds before {@code t}. */
    private double x(TrendState state, int j, long t) {
        return (state.slots[j] * slotMillis - t + state.offsetSums[j] / state.counts[j]) / 1000.0;
    }

    private static double y(TrendState state, int j) {
        return state.valueSums[j] / state.counts[j];
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
     * Least squares of value = a + b · max(0, x − knee) over the window's points (x: seconds before {@code t}), the
     * knee at the point that fits best with at least {@link #MIN_SAMPLES} points from it on; slope b, its standard
     * error, the line's value at {@code t}, and the points from the knee on. Null if there are too few points.
     * Linear in the points (suffix sums), and only called when a warning is raised.
     */
    Fit hinge(TrendState state, long t) {
        int n = state.size;
        if (n < MIN_SAMPLES + 2) {
            return null;
        }
        int capacity = state.slots.length;
        double[] x = new double[n];
        double[] y = new double[n];
        double sy = 0, syy = 0;
        for (int i = 0, j = state.head; i < n; i++, j = j + 1 == capacity ? 0 : j + 1) {
            x[i] = x(state, j, t);
            y[i] = y(state, j);
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

    /** Ordinary least squares of value on time (seconds before {@code t}) over the window's points. */
    Fit fit(TrendState state, long t) {
        int capacity = state.slots.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        int n = 0;
        for (int i = 0, j = state.head; i < state.size; i++, j = j + 1 == capacity ? 0 : j + 1) {
            n++;
            double x = x(state, j, t);
            double y = y(state, j);
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

    /** Slope in units per second, its standard error, the line's value at the newest reading, points used. */
    record Fit(double slope, double slopeError, double now, int n) {
    }
}
